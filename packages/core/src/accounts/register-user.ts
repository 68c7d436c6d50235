import { hashPassword } from "@bookable/auth";
import { type Database, uniqueViolationConstraint, users } from "@bookable/db";
import type { ErrorIssue, registerInput, UserOutput } from "@bookable/validators";
import { eq, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { AppError } from "../app-error.js";
import { toUserOutput } from "./to-user-output.js";

export interface RegisterUserDependencies {
  db: Database;
}

const takenUsername: ErrorIssue = { path: "username", message: "That username is taken" };
const takenEmail: ErrorIssue = { path: "email", message: "An account with that email already exists" };

// The unique indexes of the users table, mapped to the field a person must change.
const issueByConstraint: Record<string, ErrorIssue> = {
  users_username_lower_key: takenUsername,
  users_email_lower_key: takenEmail,
};

/**
 * Creates a member account from already validated input. A taken username or email is refused with
 * CONFLICT naming the field; the database's case-insensitive unique indexes settle races between
 * two registrations that both passed the first check.
 */
export async function registerUser({ db }: RegisterUserDependencies, input: z.output<typeof registerInput>): Promise<UserOutput> {
  const existing = await db
    .select({ username: users.username, email: users.email })
    .from(users)
    .where(or(eq(sql`lower(${users.username})`, input.username.toLowerCase()), eq(sql`lower(${users.email})`, input.email)));
  const issues: ErrorIssue[] = [];
  if (existing.some((row) => row.username.toLowerCase() === input.username.toLowerCase())) issues.push(takenUsername);
  if (existing.some((row) => row.email.toLowerCase() === input.email)) issues.push(takenEmail);
  if (issues.length > 0) throw conflict(issues);

  const passwordHash = await hashPassword(input.password);
  try {
    const [row] = await db
      .insert(users)
      .values({
        username: input.username,
        email: input.email,
        passwordHash,
        // Even an ADMIN_EMAILS address starts as a member: the role follows once the email is verified.
        role: "member",
      })
      .returning();
    if (!row) throw new Error("Insert into users returned no row");
    return toUserOutput(row);
  } catch (error) {
    const constraint = uniqueViolationConstraint(error);
    if (constraint === undefined) throw error;
    const issue = issueByConstraint[constraint];
    throw conflict(issue ? [issue] : [], error);
  }
}

function conflict(issues: ErrorIssue[], cause?: unknown): AppError {
  const message = issues.map((issue) => issue.message).join("; ") || "That account already exists";
  return new AppError("CONFLICT", message, { issues, cause });
}
