ALTER TABLE `metric_points` ADD `resolution_ms` integer DEFAULT 60000 NOT NULL;--> statement-breakpoint
ALTER TABLE `metric_points` ADD `histogram` text;--> statement-breakpoint
CREATE INDEX `metric_points_name_time_idx` ON `metric_points` (`name`,`timestamp`);--> statement-breakpoint
CREATE INDEX `metric_points_time_idx` ON `metric_points` (`timestamp`);--> statement-breakpoint
CREATE INDEX `log_records_time_idx` ON `log_records` (`timestamp`);