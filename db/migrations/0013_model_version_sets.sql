CREATE TABLE `model_version_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`compartment_id` text NOT NULL,
	`project_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`created_by` text NOT NULL,
	`lifecycle_state` text NOT NULL,
	`time_created` text NOT NULL,
	`time_updated` text NOT NULL,
	`live_name` text,
	`freeform_tags` text DEFAULT '{}' NOT NULL,
	`defined_tags` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `model_version_sets_compartment_created_idx` ON `model_version_sets` (`compartment_id`,`time_created`);--> statement-breakpoint
CREATE UNIQUE INDEX `model_version_sets_project_live_name_idx` ON `model_version_sets` (`project_id`,`live_name`);