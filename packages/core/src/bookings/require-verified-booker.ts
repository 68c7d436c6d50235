import type { UserOutput } from "@bookable/validators";
import { AppError } from "../app-error.js";

export type Booker = Pick<UserOutput, "id" | "role" | "emailVerified">;

/**
 * A booking sends email (and SMS) to the attendee it names, so an account must prove it owns an address
 * before it can make the server write to strangers (issue 11, item 5). Admins are exempt: they book at the
 * front desk for others, and an admin is verified anyway (ADMIN_EMAILS promotes only verified addresses).
 */
export function requireVerifiedBooker(booker: Booker): void {
  if (booker.emailVerified || booker.role === "admin") return;
  throw new AppError(
    "EMAIL_NOT_VERIFIED",
    "Confirm your email address to book: open the link we emailed you, or ask for a new one",
  );
}
