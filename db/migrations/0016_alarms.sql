CREATE TABLE `alarm_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alarm_id` text NOT NULL,
	`model_deployment_id` text NOT NULL,
	`time` text NOT NULL,
	`kind` text NOT NULL,
	`value` real,
	`summary` text NOT NULL,
	`work_request_id` text
);
--> statement-breakpoint
CREATE INDEX `alarm_history_alarm_idx` ON `alarm_history` (`alarm_id`,`time`);--> statement-breakpoint
CREATE INDEX `alarm_history_md_idx` ON `alarm_history` (`model_deployment_id`,`time`);--> statement-breakpoint
CREATE TABLE `alarms` (
	`id` text PRIMARY KEY NOT NULL,
	`model_deployment_id` text NOT NULL,
	`display_name` text NOT NULL,
	`query` text NOT NULL,
	`severity` text NOT NULL,
	`pending_seconds` integer NOT NULL,
	`repeat_seconds` integer,
	`is_enabled` integer NOT NULL,
	`action` text NOT NULL,
	`cool_down_seconds` integer NOT NULL,
	`state` text NOT NULL,
	`time_state_changed` text,
	`time_last_notified` text,
	`last_value` real,
	`last_summary` text,
	`time_last_evaluated` text,
	`time_created` text NOT NULL,
	`time_updated` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alarms_md_idx` ON `alarms` (`model_deployment_id`);--> statement-breakpoint
CREATE INDEX `alarms_state_idx` ON `alarms` (`state`,`is_enabled`);