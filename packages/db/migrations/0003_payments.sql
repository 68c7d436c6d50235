CREATE TYPE "public"."payment_mode" AS ENUM('stripe', 'local');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('awaiting_payment', 'paid', 'unpaid');--> statement-breakpoint
CREATE TYPE "public"."refund_reason" AS ENUM('cancelled_in_free_window', 'cancelled_by_admin', 'late_payment_slot_taken', 'paid_after_cancellation', 'refunded_at_provider');--> statement-breakpoint
CREATE TYPE "public"."refund_status" AS ENUM('pending', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "payment_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"object_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"mode" "payment_mode" NOT NULL,
	"status" "payment_status" DEFAULT 'awaiting_payment' NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"checkout_session_id" text,
	"checkout_url" text,
	"checkout_expires_at" timestamp with time zone NOT NULL,
	"checkout_closed_at" timestamp with time zone,
	"provider_payment_id" text,
	"paid_at" timestamp with time zone,
	"refund_status" "refund_status",
	"refund_amount" integer,
	"refund_reason" "refund_reason",
	"refund_requested_at" timestamp with time zone,
	"refund_completed_at" timestamp with time zone,
	"provider_refund_id" text,
	"refund_attempts" integer DEFAULT 0 NOT NULL,
	"refund_last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_booking_id_unique" UNIQUE("booking_id"),
	CONSTRAINT "payments_checkout_session_id_unique" UNIQUE("checkout_session_id"),
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payments_open_checkout_idx" ON "payments" USING btree ("checkout_expires_at") WHERE "payments"."checkout_closed_at" is null;--> statement-breakpoint
CREATE INDEX "payments_pending_refund_idx" ON "payments" USING btree ("refund_requested_at") WHERE "payments"."refund_status" = 'pending';--> statement-breakpoint
CREATE INDEX "payments_provider_payment_idx" ON "payments" USING btree ("provider_payment_id");