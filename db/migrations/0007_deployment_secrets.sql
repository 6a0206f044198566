CREATE TABLE `deployment_secrets` (
	`id` text PRIMARY KEY NOT NULL,
	`model_deployment_id` text NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	`time_created` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `deployment_secrets_md_idx` ON `deployment_secrets` (`model_deployment_id`);