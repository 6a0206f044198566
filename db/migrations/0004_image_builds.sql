CREATE TABLE `image_builds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`image` text NOT NULL,
	`slug` text,
	`trigger` text NOT NULL,
	`state` text NOT NULL,
	`steps_done` integer,
	`steps_total` integer,
	`current_step` text,
	`last_line` text,
	`error` text,
	`pid` integer NOT NULL,
	`time_started` text NOT NULL,
	`time_updated` text NOT NULL,
	`time_finished` text
);
--> statement-breakpoint
CREATE INDEX `image_builds_started_idx` ON `image_builds` (`time_started`);