CREATE TABLE `oci_retry_tokens` (
	`user_id` text NOT NULL,
	`token` text NOT NULL,
	`operation` text NOT NULL,
	`request_hash` text NOT NULL,
	`response_status` integer,
	`response_headers` text,
	`response_body` text,
	`time_created` text NOT NULL,
	PRIMARY KEY(`user_id`, `token`)
);
--> statement-breakpoint
CREATE INDEX `oci_retry_tokens_time_idx` ON `oci_retry_tokens` (`time_created`);