CREATE TABLE `scaling_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`model_deployment_id` text NOT NULL,
	`time` text NOT NULL,
	`action` text NOT NULL,
	`from_count` integer NOT NULL,
	`to_count` integer NOT NULL,
	`reason` text NOT NULL,
	`held_by` text,
	`observations` text NOT NULL,
	`work_request_id` text
);
--> statement-breakpoint
CREATE INDEX `scaling_events_md_idx` ON `scaling_events` (`model_deployment_id`,`time`);