-- The gateway caches API keys, grants and decisions for signed predict requests. These triggers
-- bump auth_generation on every change those depend on (a sign-in or a deployment's state change
-- does not), so the gateway's cache is dropped within one poll of a key's deletion or a grant's
-- change. A migration that recreates one of these tables must recreate its triggers
-- (tests/predict-auth-cache.test.ts fails otherwise).
INSERT INTO `auth_generation` (`id`, `generation`) VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `api_keys_auth_generation_insert` AFTER INSERT ON `api_keys` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `api_keys_auth_generation_delete` AFTER DELETE ON `api_keys` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `api_keys_auth_generation_update` AFTER UPDATE ON `api_keys` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_auth_generation_insert` AFTER INSERT ON `users` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_auth_generation_delete` AFTER DELETE ON `users` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_auth_generation_update` AFTER UPDATE OF `lifecycle_state` ON `users` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `groups_auth_generation_delete` AFTER DELETE ON `groups` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `group_members_auth_generation_insert` AFTER INSERT ON `group_members` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `group_members_auth_generation_delete` AFTER DELETE ON `group_members` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `group_members_auth_generation_update` AFTER UPDATE ON `group_members` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `grants_auth_generation_insert` AFTER INSERT ON `grants` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `grants_auth_generation_delete` AFTER DELETE ON `grants` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `grants_auth_generation_update` AFTER UPDATE ON `grants` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `compartments_auth_generation_insert` AFTER INSERT ON `compartments` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `compartments_auth_generation_delete` AFTER DELETE ON `compartments` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `compartments_auth_generation_update` AFTER UPDATE OF `compartment_id`, `lifecycle_state` ON `compartments` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `model_deployments_auth_generation_insert` AFTER INSERT ON `model_deployments` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `model_deployments_auth_generation_delete` AFTER DELETE ON `model_deployments` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `model_deployments_auth_generation_update` AFTER UPDATE OF `compartment_id` ON `model_deployments` BEGIN UPDATE `auth_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
