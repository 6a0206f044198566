-- The audit log is append-only: the database itself refuses to change or remove an event, so
-- neither a bug nor a hand-run statement can rewrite who did what.
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events` BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: events are never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events` BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: events are never removed'); END;
