CREATE TABLE `deployment_instances` (
	`id` text PRIMARY KEY NOT NULL,
	`model_deployment_id` text NOT NULL,
	`generation` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`container_name` text NOT NULL,
	`container_id` text,
	`server_port` integer,
	`health_port` integer,
	`status` text NOT NULL,
	`detail` text,
	`time_created` text NOT NULL,
	`time_updated` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `instances_md_gen_idx` ON `deployment_instances` (`model_deployment_id`,`generation`);--> statement-breakpoint
CREATE TABLE `gateway_routes` (
	`model_deployment_id` text PRIMARY KEY NOT NULL,
	`serving` integer NOT NULL,
	`generation` integer NOT NULL,
	`bandwidth_mbps` integer NOT NULL,
	`predict_path` text DEFAULT '/predict' NOT NULL,
	`health_path` text DEFAULT '/health' NOT NULL,
	`container_type` text,
	`version` integer NOT NULL,
	`time_updated` text NOT NULL
);
