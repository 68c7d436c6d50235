import type { UserRow } from "@bookable/db";
import type { UserOutput } from "@bookable/validators";

/** The public view of a user row: never the password hash. */
export function toUserOutput(row: UserRow): UserOutput {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    role: row.role,
    emailVerified: row.emailVerifiedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
