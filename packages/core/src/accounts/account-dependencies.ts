import type { AccessTokenSigner, AuthRateLimits } from "@bookable/auth";
import type { Database } from "@bookable/db";
import type { NotificationOutbox } from "../notifications/notification-outbox.js";
import type { SessionCache } from "./session-cache.js";

/** What account services need; built once at start by the host and handed to every call. */
export interface AccountDependencies {
  db: Database;
  /** Where emails go: the delivery log and the job queue. */
  outbox: NotificationOutbox;
  accessTokens: AccessTokenSigner;
  rateLimits: AuthRateLimits;
  /** Lowercased emails that receive the admin role (ADMIN_EMAILS). */
  adminEmails: ReadonlySet<string>;
  /** Origin for links in emails, e.g. https://bookable.example.com */
  publicUrl: string;
  /** Credentials verified in the last few seconds (SESSION_CACHE_SECONDS); forget a user's after changing them. */
  sessionCache: SessionCache;
}
