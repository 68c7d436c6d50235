import { type DatabaseExecutor, type WebhookEndpointRow, webhookEndpoints } from "@bookable/db";
import type { UserOutput } from "@bookable/validators";
import { eq } from "drizzle-orm";
import { AppError } from "../app-error.js";

/** Who manages endpoints: admins all of them, a member their own. */
export type WebhookCaller = Pick<UserOutput, "id" | "role" | "emailVerified">;

/**
 * An endpoint the caller may manage. Another member's endpoint answers 404 exactly like a missing one, so
 * ids cannot be probed. `forUpdate` locks the row for the caller's transaction.
 */
export async function findManagedEndpoint(
  db: DatabaseExecutor,
  caller: WebhookCaller,
  endpointId: string,
  options: { forUpdate?: boolean } = {},
): Promise<WebhookEndpointRow> {
  const query = db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row || (caller.role !== "admin" && row.ownerId !== caller.id)) {
    throw new AppError("NOT_FOUND", "No such webhook endpoint");
  }
  return row;
}

/**
 * Webhooks make the server send requests where the caller says, with their bookings' details: like booking,
 * that needs an account that proved it owns its address (admins are verified by how they become admins).
 */
export function requireVerifiedCaller(caller: WebhookCaller): void {
  if (caller.emailVerified || caller.role === "admin") return;
  throw new AppError("EMAIL_NOT_VERIFIED", "Confirm your email address to manage webhooks: open the link we emailed you");
}

/** Plain http is for development and tests; in production a receiver must be reached over TLS. */
export function requireAllowedScheme(url: string, allowPlainHttp: boolean): void {
  if (allowPlainHttp || new URL(url).protocol === "https:") return;
  throw new AppError("VALIDATION_FAILED", "The endpoint URL must use https", {
    issues: [{ path: "url", message: "Use an https:// URL" }],
  });
}
