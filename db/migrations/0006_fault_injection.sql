CREATE TABLE `deployment_faults` (
	`id` text PRIMARY KEY NOT NULL,
	`model_deployment_id` text NOT NULL,
	`kind` text NOT NULL,
	`spec` text NOT NULL,
	`time_started` text NOT NULL,
	`time_expires` text NOT NULL,
	`time_ended` text,
	`end_reason` text,
	`start_work_request_id` text,
	`end_work_request_id` text
);
--> statement-breakpoint
CREATE INDEX `faults_md_idx` ON `deployment_faults` (`model_deployment_id`,`time_ended`);