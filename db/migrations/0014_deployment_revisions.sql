CREATE TABLE `deployment_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`model_deployment_id` text NOT NULL,
	`revision` integer NOT NULL,
	`kind` text NOT NULL,
	`snapshot` text NOT NULL,
	`changes` text NOT NULL,
	`work_request_id` text,
	`principal_id` text,
	`principal_name` text,
	`rollback_of` integer,
	`time_created` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deployment_revisions_md_revision_idx` ON `deployment_revisions` (`model_deployment_id`,`revision`);--> statement-breakpoint
CREATE UNIQUE INDEX `deployment_revisions_wr_idx` ON `deployment_revisions` (`work_request_id`);--> statement-breakpoint
CREATE TABLE `revision_attributions` (
	`subject_id` text PRIMARY KEY NOT NULL,
	`model_deployment_id` text NOT NULL,
	`principal_id` text,
	`principal_name` text,
	`rollback_of` integer
);
--> statement-breakpoint
CREATE INDEX `revision_attributions_md_idx` ON `revision_attributions` (`model_deployment_id`);