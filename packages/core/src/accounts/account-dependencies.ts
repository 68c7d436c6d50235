import type { AccessTokenSigner, AuthRateLimits } from "@bookable/auth";
import type { Database } from "@bookable/db";
import type { EmailSender } from "@bookable/integrations";

/** What account services need; built once at start by the host and handed to every call. */
export interface AccountDependencies {
  db: Database;
  email: EmailSender;
  accessTokens: AccessTokenSigner;
  rateLimits: AuthRateLimits;
  /** Lowercased emails that receive the admin role (ADMIN_EMAILS). */
  adminEmails: ReadonlySet<string>;
  /** Origin for links in emails, e.g. https://bookable.example.com */
  publicUrl: string;
}
