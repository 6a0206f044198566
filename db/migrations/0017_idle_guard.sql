CREATE TABLE `idle_guards` (
	`model_deployment_id` text PRIMARY KEY NOT NULL,
	`is_enabled` integer NOT NULL,
	`idle_minutes` integer NOT NULL,
	`schedule` text,
	`handled_slot` integer,
	`last_hold_key` text,
	`time_created` text NOT NULL,
	`time_updated` text NOT NULL
);
