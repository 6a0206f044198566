ALTER TABLE `alarms` ADD `compartment_id` text;--> statement-breakpoint
ALTER TABLE `alarms` ADD `body` text;--> statement-breakpoint
ALTER TABLE `alarms` ADD `destinations` text DEFAULT '[]' NOT NULL;