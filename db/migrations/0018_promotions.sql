CREATE TABLE `promotions` (
	`model_deployment_id` text PRIMARY KEY NOT NULL,
	`context_id` text NOT NULL,
	`context_label` text NOT NULL,
	`target_compartment_id` text NOT NULL,
	`target_project_id` text NOT NULL,
	`target_model_id` text NOT NULL,
	`target_deployment_id` text NOT NULL,
	`target_work_request_id` text NOT NULL,
	`promoted_by` text NOT NULL,
	`time_created` text NOT NULL
);
