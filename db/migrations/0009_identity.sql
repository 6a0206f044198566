CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`public_key_pem` text NOT NULL,
	`time_created` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_user_fingerprint_idx` ON `api_keys` (`user_id`,`fingerprint`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`time` text NOT NULL,
	`principal_id` text,
	`principal_name` text NOT NULL,
	`action` text NOT NULL,
	`resource_type` text DEFAULT '' NOT NULL,
	`resource_id` text,
	`compartment_id` text,
	`address` text DEFAULT '' NOT NULL,
	`request_id` text DEFAULT '' NOT NULL,
	`outcome` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_events_time_idx` ON `audit_events` (`time`);--> statement-breakpoint
CREATE INDEX `audit_events_resource_idx` ON `audit_events` (`resource_id`,`time`);--> statement-breakpoint
CREATE INDEX `audit_events_principal_idx` ON `audit_events` (`principal_id`,`time`);--> statement-breakpoint
CREATE TABLE `grants` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`verb` text NOT NULL,
	`resource_type` text NOT NULL,
	`compartment_id` text NOT NULL,
	`time_created` text NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `grants_group_idx` ON `grants` (`group_id`);--> statement-breakpoint
CREATE INDEX `grants_compartment_idx` ON `grants` (`compartment_id`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`group_id`, `user_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `group_members_user_idx` ON `group_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`built_in` integer DEFAULT false NOT NULL,
	`time_created` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_name_idx` ON `groups` (`name`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`time_created` text NOT NULL,
	`time_last_seen` text NOT NULL,
	`time_expires` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sign_in_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_name` text NOT NULL,
	`address` text NOT NULL,
	`time` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_failures_user_idx` ON `sign_in_failures` (`user_name`,`time`);--> statement-breakpoint
CREATE INDEX `sign_in_failures_address_idx` ON `sign_in_failures` (`address`,`time`);--> statement-breakpoint
CREATE TABLE `sign_in_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`time_created` text NOT NULL,
	`time_expires` text NOT NULL,
	`time_used` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`description` text DEFAULT '' NOT NULL,
	`password_hash` text,
	`lifecycle_state` text DEFAULT 'ACTIVE' NOT NULL,
	`time_created` text NOT NULL,
	`time_password_changed` text,
	`time_last_sign_in` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_name_idx` ON `users` (`name`);