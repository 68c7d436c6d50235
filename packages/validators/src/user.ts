import { z } from "zod";
import { userRoleValues } from "./enum-values.js";
import { pageCursor } from "./page-cursor.js";
import { plainText } from "./plain-text.js";

/** Roles a user can hold; admins manage resources and see every booking. */
export const userRole = z.enum(userRoleValues).meta({
  id: "UserRole",
  description: "What the account may do: `member` books, `admin` also manages resources.",
  example: "member",
});

export const username = plainText({ error: "Username is required" })
  .min(3, { error: "Username must be at least 3 characters" })
  .max(32, { error: "Username must be at most 32 characters" })
  .regex(/^[a-z0-9_-]+$/, {
    error: "Username may contain only lowercase letters, digits, _ and -",
  })
  .meta({
    description: "Public handle: 3–32 lowercase letters, digits, `_` or `-`.",
    example: "ada_lovelace",
  });

export const email = z
  .string({ error: "Email is required" })
  .trim()
  .toLowerCase()
  // A blank field is asked for, not called invalid; `abort` keeps "Enter a valid email address" from following.
  .min(1, { error: "Enter your email address", abort: true })
  .max(254, { error: "Email must be at most 254 characters" })
  .check(z.email({ error: "Enter a valid email address" }))
  .meta({
    description: "Email address; stored lowercased, unique regardless of case.",
    example: "ada@example.com",
  });

export const password = z
  .string({ error: "Password is required" })
  .min(8, { error: "Password must be at least 8 characters" })
  .max(128, { error: "Password must be at most 128 characters" })
  .meta({
    description: "Password of 8–128 characters. Never returned or logged.",
    example: "correct horse battery staple",
  });

/** The registration contract from the architecture brief (username, email, password). */
export const registerInput = z.object({ username, email, password }).meta({
  id: "RegisterInput",
  description: "A new account: the brief's user input schema.",
});
export type RegisterInput = z.input<typeof registerInput>;

/** A user as others may see it: never the password hash. */
export const userOutput = z
  .object({
    id: z.uuid().meta({ description: "Stable identifier of the account.", example: "0b7a7c5e-8f0e-4a8e-9d2b-3f1c2a4b5c6d" }),
    username: z.string().meta({ description: "Public handle.", example: "ada_lovelace" }),
    email: z.string().meta({ description: "Email address, lowercased.", example: "ada@example.com" }),
    role: userRole,
    emailVerified: z.boolean().meta({ description: "Whether the owner confirmed the email address.", example: false }),
    createdAt: z.iso
      .datetime()
      .meta({ description: "When the account was created (UTC, ISO 8601).", example: "2026-11-25T12:00:00.000Z" }),
  })
  .meta({ id: "User", description: "An account, without its credentials." });
export type UserOutput = z.infer<typeof userOutput>;

export const registerOutput = z
  .object({ user: userOutput })
  .meta({ id: "RegisterOutput", description: "The account that was created." });
export type RegisterOutput = z.infer<typeof registerOutput>;

export const listUsersInput = z
  .object({
    limit: z.coerce
      .number({ error: "Limit must be a number" })
      .int()
      .min(1, { error: "Limit must be at least 1" })
      .max(100, { error: "Limit must be at most 100" })
      .default(50)
      .meta({ description: "Page size.", example: 50 }),
    cursor: pageCursor.optional(),
  })
  .meta({ id: "ListUsersInput" });

export const userListOutput = z
  .object({
    items: z.array(userOutput),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  })
  .meta({ id: "UserList" });
