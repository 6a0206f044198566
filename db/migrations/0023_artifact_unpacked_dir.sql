ALTER TABLE `model_artifacts` ADD `unpacked_dir` text;--> statement-breakpoint
-- Backfill: the unpacked directory moves out of the introspection JSON into its own column.
UPDATE `model_artifacts` SET `unpacked_dir` = json_extract(`introspection`, '$.unpackedDir'), `introspection` = json_remove(`introspection`, '$.unpackedDir') WHERE json_valid(`introspection`) AND json_type(`introspection`, '$.unpackedDir') = 'text';
