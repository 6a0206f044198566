CREATE TABLE `compartments` (
	`id` text PRIMARY KEY NOT NULL,
	`compartment_id` text,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`lifecycle_state` text NOT NULL,
	`time_created` text NOT NULL,
	`freeform_tags` text DEFAULT '{}' NOT NULL,
	`defined_tags` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `compartments_parent_idx` ON `compartments` (`compartment_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`compartment_id` text NOT NULL,
	`display_name` text NOT NULL,
	`description` text,
	`created_by` text NOT NULL,
	`lifecycle_state` text NOT NULL,
	`time_created` text NOT NULL,
	`system_tags` text,
	`freeform_tags` text DEFAULT '{}' NOT NULL,
	`defined_tags` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `projects_compartment_state_created_idx` ON `projects` (`compartment_id`,`lifecycle_state`,`time_created`);--> statement-breakpoint
CREATE INDEX `projects_compartment_name_idx` ON `projects` (`compartment_id`,`display_name`);--> statement-breakpoint
CREATE TABLE `model_artifacts` (
	`model_id` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`storage_path` text NOT NULL,
	`size_in_bytes` integer NOT NULL,
	`content_md5` text NOT NULL,
	`sha256` text NOT NULL,
	`time_uploaded` text NOT NULL,
	`introspection` text,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `models` (
	`id` text PRIMARY KEY NOT NULL,
	`compartment_id` text NOT NULL,
	`project_id` text NOT NULL,
	`display_name` text NOT NULL,
	`description` text,
	`lifecycle_state` text NOT NULL,
	`lifecycle_details` text,
	`created_by` text NOT NULL,
	`time_created` text NOT NULL,
	`category` text DEFAULT 'USER' NOT NULL,
	`version_label` text,
	`custom_metadata_list` text,
	`defined_metadata_list` text,
	`input_schema` text,
	`output_schema` text,
	`provenance` text,
	`freeform_tags` text DEFAULT '{}' NOT NULL,
	`defined_tags` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `models_project_state_created_idx` ON `models` (`project_id`,`lifecycle_state`,`time_created`);--> statement-breakpoint
CREATE INDEX `models_compartment_state_created_idx` ON `models` (`compartment_id`,`lifecycle_state`,`time_created`);--> statement-breakpoint
CREATE INDEX `models_compartment_name_idx` ON `models` (`compartment_id`,`display_name`);--> statement-breakpoint
CREATE TABLE `model_deployments` (
	`id` text PRIMARY KEY NOT NULL,
	`compartment_id` text NOT NULL,
	`project_id` text NOT NULL,
	`model_id` text NOT NULL,
	`display_name` text NOT NULL,
	`description` text,
	`created_by` text NOT NULL,
	`time_created` text NOT NULL,
	`lifecycle_state` text NOT NULL,
	`lifecycle_details` text,
	`model_deployment_url` text NOT NULL,
	`model_deployment_configuration_details` text NOT NULL,
	`category_log_details` text,
	`current_instance_count` integer,
	`freeform_tags` text DEFAULT '{}' NOT NULL,
	`defined_tags` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `md_project_state_created_idx` ON `model_deployments` (`project_id`,`lifecycle_state`,`time_created`);--> statement-breakpoint
CREATE INDEX `md_compartment_state_created_idx` ON `model_deployments` (`compartment_id`,`lifecycle_state`,`time_created`);--> statement-breakpoint
CREATE INDEX `md_compartment_name_idx` ON `model_deployments` (`compartment_id`,`display_name`);--> statement-breakpoint
CREATE INDEX `md_model_idx` ON `model_deployments` (`model_id`);--> statement-breakpoint
CREATE TABLE `work_request_errors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`work_request_id` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`timestamp` text NOT NULL,
	FOREIGN KEY (`work_request_id`) REFERENCES `work_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `wr_errors_wr_idx` ON `work_request_errors` (`work_request_id`,`id`);--> statement-breakpoint
CREATE TABLE `work_request_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`work_request_id` text NOT NULL,
	`message` text NOT NULL,
	`timestamp` text NOT NULL,
	FOREIGN KEY (`work_request_id`) REFERENCES `work_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `wr_logs_wr_idx` ON `work_request_logs` (`work_request_id`,`id`);--> statement-breakpoint
CREATE TABLE `work_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`operation_type` text NOT NULL,
	`status` text NOT NULL,
	`compartment_id` text NOT NULL,
	`percent_complete` real DEFAULT 0 NOT NULL,
	`resources` text NOT NULL,
	`time_accepted` text NOT NULL,
	`time_started` text,
	`time_finished` text,
	`resource_id` text NOT NULL,
	`payload` text NOT NULL,
	`plan_id` text,
	`plan_step` integer
);
--> statement-breakpoint
CREATE INDEX `wr_resource_accepted_idx` ON `work_requests` (`resource_id`,`time_accepted`);--> statement-breakpoint
CREATE INDEX `wr_status_idx` ON `work_requests` (`status`,`time_accepted`);--> statement-breakpoint
CREATE INDEX `wr_compartment_accepted_idx` ON `work_requests` (`compartment_id`,`time_accepted`);--> statement-breakpoint
CREATE INDEX `wr_plan_idx` ON `work_requests` (`plan_id`,`plan_step`);--> statement-breakpoint
CREATE TABLE `tag_definitions` (
	`id` text PRIMARY KEY NOT NULL,
	`tag_namespace_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`is_retired` integer DEFAULT false NOT NULL,
	`time_created` text NOT NULL,
	FOREIGN KEY (`tag_namespace_id`) REFERENCES `tag_namespaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tag_definitions_ns_name_idx` ON `tag_definitions` (`tag_namespace_id`,`name`);--> statement-breakpoint
CREATE INDEX `tag_definitions_ns_idx` ON `tag_definitions` (`tag_namespace_id`);--> statement-breakpoint
CREATE TABLE `tag_namespaces` (
	`id` text PRIMARY KEY NOT NULL,
	`compartment_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`is_retired` integer DEFAULT false NOT NULL,
	`time_created` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tag_namespaces_name_idx` ON `tag_namespaces` (`name`);--> statement-breakpoint
CREATE TABLE `log_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resource_id` text NOT NULL,
	`category` text NOT NULL,
	`instance_id` text,
	`level` text NOT NULL,
	`message` text NOT NULL,
	`data` text,
	`timestamp` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `log_records_lookup_idx` ON `log_records` (`resource_id`,`category`,`timestamp`);--> statement-breakpoint
CREATE TABLE `metric_points` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`namespace` text NOT NULL,
	`name` text NOT NULL,
	`resource_id` text NOT NULL,
	`dimensions` text NOT NULL,
	`timestamp` integer NOT NULL,
	`count` integer NOT NULL,
	`sum` real NOT NULL,
	`min` real NOT NULL,
	`max` real NOT NULL
);
--> statement-breakpoint
CREATE INDEX `metric_points_lookup_idx` ON `metric_points` (`resource_id`,`name`,`timestamp`);