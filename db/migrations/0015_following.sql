CREATE TABLE `deployment_follows` (
	`model_deployment_id` text PRIMARY KEY NOT NULL,
	`model_version_set_id` text NOT NULL,
	`version_label` text NOT NULL,
	`time_set` text NOT NULL,
	`last_change` text
);
--> statement-breakpoint
CREATE INDEX `deployment_follows_set_label_idx` ON `deployment_follows` (`model_version_set_id`,`version_label`);--> statement-breakpoint
ALTER TABLE `models` ADD `model_version_set_id` text;--> statement-breakpoint
ALTER TABLE `models` ADD `model_version_set_name` text;--> statement-breakpoint
ALTER TABLE `models` ADD `version_id` integer;--> statement-breakpoint
ALTER TABLE `models` ADD `live_version_label` text;--> statement-breakpoint
CREATE UNIQUE INDEX `models_version_set_live_label_idx` ON `models` (`model_version_set_id`,`live_version_label`);--> statement-breakpoint
CREATE UNIQUE INDEX `models_version_set_version_idx` ON `models` (`model_version_set_id`,`version_id`);