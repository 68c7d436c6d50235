-- Issue 13: the provider's word on delivery (Resend webhooks, Twilio status callbacks), addresses that hard-bounced or
-- complained, and the per-attempt token that lets an SMS cut short by a crash be matched to what Twilio did.
ALTER TYPE "public"."notification_status" ADD VALUE 'delivered';--> statement-breakpoint
ALTER TYPE "public"."notification_status" ADD VALUE 'bounced';--> statement-breakpoint
ALTER TYPE "public"."notification_status" ADD VALUE 'complained';--> statement-breakpoint
ALTER TYPE "public"."notification_status" ADD VALUE 'failed';--> statement-breakpoint
CREATE TABLE "undeliverable_addresses" (
	"address" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"notification_id" uuid,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "provider_attempt_token" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "provider_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_provider_message_idx" ON "notifications" USING btree ("provider_message_id");