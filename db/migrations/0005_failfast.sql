CREATE TABLE `startup_timings` (
	`work_request_id` text PRIMARY KEY NOT NULL,
	`runtime_key` text NOT NULL,
	`marks` text NOT NULL,
	`total_ms` integer,
	`time_started` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `startup_timings_key_idx` ON `startup_timings` (`runtime_key`,`time_started`);--> statement-breakpoint
ALTER TABLE `work_request_errors` ADD `failure` text;