-- Issue 12: servers cache verified sessions for a few seconds (SESSION_CACHE_SECONDS). Every change to a
-- user, a session or an API key tells every server at commit, whichever code (or person) made it, so each
-- forgets that user's cached credentials at once: revocation stays immediate across instances.
CREATE FUNCTION "notify_credentials_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'users' THEN
		PERFORM pg_notify('credentials_changed', OLD.id::text);
	ELSE
		PERFORM pg_notify('credentials_changed', OLD.user_id::text);
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "users_credentials_changed" AFTER UPDATE OR DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION "notify_credentials_changed"();--> statement-breakpoint
CREATE TRIGGER "sessions_credentials_changed" AFTER UPDATE OR DELETE ON "sessions" FOR EACH ROW EXECUTE FUNCTION "notify_credentials_changed"();--> statement-breakpoint
CREATE TRIGGER "api_keys_credentials_changed" AFTER UPDATE OR DELETE ON "api_keys" FOR EACH ROW EXECUTE FUNCTION "notify_credentials_changed"();
