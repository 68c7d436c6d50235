ALTER TABLE "availability_versions" ADD COLUMN "definition_version" bigint DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Issue 12: bookings read their resource and its date overrides on every request; a cache keyed by this
-- second number (bumped by resource and override changes only, not by bookings) spares those two reads.
-- The resource's own trigger bumps both numbers, overrides get a function of their own that does too.
CREATE OR REPLACE FUNCTION "availability_version_bump_resource"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "availability_versions"
    SET "version" = "version" + 1, "definition_version" = "definition_version" + 1
    WHERE "resource_id" = NEW."id";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION "availability_definition_bump_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    UPDATE "availability_versions"
      SET "version" = "version" + 1, "definition_version" = "definition_version" + 1
      WHERE "resource_id" = NEW."resource_id";
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD."resource_id" IS DISTINCT FROM NEW."resource_id") THEN
    UPDATE "availability_versions"
      SET "version" = "version" + 1, "definition_version" = "definition_version" + 1
      WHERE "resource_id" = OLD."resource_id";
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER "resource_date_overrides_availability_version" ON "resource_date_overrides";--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "resource_date_overrides_availability_version" AFTER INSERT OR UPDATE OR DELETE ON "resource_date_overrides"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "availability_definition_bump_owner"();
