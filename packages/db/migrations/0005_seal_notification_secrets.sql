ALTER TABLE "notifications" ADD COLUMN "sealed_secrets" text;--> statement-breakpoint
-- Issue 11: links stored in plain text before this migration. Messages already final lose their payload
-- (sent, skipped) or their link (dead); messages still waiting keep theirs until delivery removes it.
UPDATE "notifications" SET "data" = '{}'::jsonb WHERE "status" IN ('sent', 'skipped');--> statement-breakpoint
UPDATE "notifications" SET "data" = "data" - 'link' WHERE "status" = 'dead' AND "template" IN ('verify-email', 'reset-password');
