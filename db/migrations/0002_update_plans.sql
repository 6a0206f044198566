CREATE TABLE `update_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`model_deployment_id` text NOT NULL,
	`compartment_id` text NOT NULL,
	`status` text NOT NULL,
	`request` text NOT NULL,
	`steps` text NOT NULL,
	`message` text,
	`time_created` text NOT NULL,
	`time_finished` text
);
--> statement-breakpoint
CREATE INDEX `update_plans_md_created_idx` ON `update_plans` (`model_deployment_id`,`time_created`);--> statement-breakpoint
CREATE INDEX `update_plans_status_idx` ON `update_plans` (`status`);