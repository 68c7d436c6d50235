CREATE TABLE "availability_versions" (
	"resource_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "availability_versions" ADD CONSTRAINT "availability_versions_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Issue 12: availability answers are cached per resource and served only while this version is unchanged.
-- Triggers keep it, so no write path (booking, cancellation, expiry by the sweep or a booking's own
-- clean-up, payment reconciliation, resource edit, override) can forget to. The bumps are constraint
-- triggers deferred to commit: the version row is locked only for the instant of the commit, so bookings
-- of one resource do not queue behind each other on it for their whole transaction.
INSERT INTO "availability_versions" ("resource_id") SELECT "id" FROM "resources";--> statement-breakpoint
CREATE FUNCTION "availability_version_create"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "availability_versions" ("resource_id") VALUES (NEW."id");
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "resources_availability_version_create" AFTER INSERT ON "resources"
  FOR EACH ROW EXECUTE FUNCTION "availability_version_create"();--> statement-breakpoint
-- For the resource row itself. Deleting a resource deletes its version row (on delete cascade).
CREATE FUNCTION "availability_version_bump_resource"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "availability_versions" SET "version" = "version" + 1 WHERE "resource_id" = NEW."id";
  RETURN NULL;
END
$$;--> statement-breakpoint
-- For rows that name their resource in "resource_id". An UPDATE (not an upsert): a row deleted together
-- with its resource must not recreate the version row of a resource that is gone.
CREATE FUNCTION "availability_version_bump_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    UPDATE "availability_versions" SET "version" = "version" + 1 WHERE "resource_id" = NEW."resource_id";
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD."resource_id" IS DISTINCT FROM NEW."resource_id") THEN
    UPDATE "availability_versions" SET "version" = "version" + 1 WHERE "resource_id" = OLD."resource_id";
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "resources_availability_version" AFTER UPDATE ON "resources"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "availability_version_bump_resource"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "resource_date_overrides_availability_version" AFTER INSERT OR UPDATE OR DELETE ON "resource_date_overrides"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "availability_version_bump_owner"();--> statement-breakpoint
-- A booking occupies seats only through its booking_seats rows (inserted, and deleted when it is cancelled
-- or expires), so those are watched on every change.
CREATE CONSTRAINT TRIGGER "booking_seats_availability_version" AFTER INSERT OR UPDATE OR DELETE ON "booking_seats"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "availability_version_bump_owner"();--> statement-breakpoint
-- Whether those seats count also depends on the booking's status and hold expiry (a held booking whose
-- time ran out frees its seats before the sweep deletes them); inserting or deleting a booking without
-- seats changes no answer.
CREATE CONSTRAINT TRIGGER "bookings_availability_version" AFTER UPDATE ON "bookings"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (
    OLD."status" IS DISTINCT FROM NEW."status"
    OR OLD."hold_expires_at" IS DISTINCT FROM NEW."hold_expires_at"
    OR OLD."resource_id" IS DISTINCT FROM NEW."resource_id"
  )
  EXECUTE FUNCTION "availability_version_bump_owner"();
