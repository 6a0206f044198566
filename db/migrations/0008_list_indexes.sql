DROP INDEX `md_project_state_created_idx`;--> statement-breakpoint
DROP INDEX `md_compartment_state_created_idx`;--> statement-breakpoint
DROP INDEX `md_compartment_name_idx`;--> statement-breakpoint
CREATE INDEX `md_project_created_idx` ON `model_deployments` (`project_id`,`time_created`,`id`);--> statement-breakpoint
CREATE INDEX `md_compartment_created_idx` ON `model_deployments` (`compartment_id`,`time_created`,`id`,`display_name`,`freeform_tags`,`defined_tags`);--> statement-breakpoint
CREATE INDEX `md_compartment_name_created_idx` ON `model_deployments` (`compartment_id`,`display_name`,`time_created`,`id`);--> statement-breakpoint
CREATE INDEX `md_compartment_state_name_idx` ON `model_deployments` (`compartment_id`,`lifecycle_state`,`display_name`,`id`);--> statement-breakpoint
CREATE INDEX `md_created_state_idx` ON `model_deployments` (`time_created`,`id`,`lifecycle_state`);--> statement-breakpoint
CREATE INDEX `md_state_configuration_idx` ON `model_deployments` (`lifecycle_state`,"model_deployment_configuration_details" -> '$.modelConfigurationDetails.instanceConfiguration',"model_deployment_configuration_details" -> '$.modelConfigurationDetails.scalingPolicy',`current_instance_count`);--> statement-breakpoint
CREATE INDEX `md_project_state_created_idx` ON `model_deployments` (`project_id`,`lifecycle_state`,`time_created`,`id`);--> statement-breakpoint
CREATE INDEX `md_compartment_state_created_idx` ON `model_deployments` (`compartment_id`,`lifecycle_state`,`time_created`,`id`);--> statement-breakpoint
CREATE INDEX `md_compartment_name_idx` ON `model_deployments` (`compartment_id`,`display_name`,`id`,`freeform_tags`,`defined_tags`);