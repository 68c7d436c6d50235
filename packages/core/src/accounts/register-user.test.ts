import { type DatabaseHandle, users } from "@bookable/db";
import { openTestDatabase, testDatabaseTargets } from "@bookable/db/testing";
import { registerInput } from "@bookable/validators";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "../app-error.js";
import { promoteVerifiedAdmin } from "./admin-emails.js";
import { registerUser } from "./register-user.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("registerUser on $driver", (target) => {
  let database: DatabaseHandle;
  const adminEmails = new Set(["boss@example.com"]);
  const register = (input: { username: string; email: string; password?: string }) =>
    registerUser({ db: database.db }, registerInput.parse({ password: "long enough", ...input }));

  beforeAll(async () => {
    database = await openTestDatabase(target);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("stores the account with a hashed password and returns it without the hash", async () => {
    const user = await register({ username: "grace", email: "Grace@Example.com", password: "hopper1906" });
    expect(user).toEqual({
      id: expect.any(String),
      username: "grace",
      email: "grace@example.com",
      role: "member",
      emailVerified: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(Object.keys(user)).not.toContain("passwordHash");
    const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain("hopper1906");
  });

  it("gives the admin role to an ADMIN_EMAILS address only once it is verified, whatever its case", async () => {
    const boss = await register({ username: "boss", email: "BOSS@example.com" });
    expect(boss.role).toBe("member");
    await promoteVerifiedAdmin(database.db, adminEmails, boss.id);
    const [row] = await database.db.select().from(users).where(eq(users.id, boss.id));
    expect(row?.role).toBe("admin");
    const other = await register({ username: "not_boss", email: "not-boss@example.com" });
    await promoteVerifiedAdmin(database.db, adminEmails, other.id);
    const [otherRow] = await database.db.select().from(users).where(eq(users.id, other.id));
    expect(otherRow?.role).toBe("member");
  });

  it("refuses a taken username or email with CONFLICT naming the field", async () => {
    await register({ username: "linus", email: "linus@example.com" });
    const byUsername = await register({ username: "linus", email: "other@example.com" }).catch((error: unknown) => error);
    expect(byUsername).toBeInstanceOf(AppError);
    expect(byUsername).toMatchObject({ code: "CONFLICT", issues: [{ path: "username", message: "That username is taken" }] });
    const byEmail = await register({ username: "linus2", email: "LINUS@example.com" }).catch((error: unknown) => error);
    expect(byEmail).toMatchObject({ code: "CONFLICT", issues: [{ path: "email" }] });
    const both = await register({ username: "linus", email: "linus@example.com" }).catch((error: unknown) => error);
    expect(both).toMatchObject({ code: "CONFLICT", issues: [{ path: "username" }, { path: "email" }] });
  });

  it("lets exactly one of many simultaneous registrations of one name win", async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) => register({ username: "race", email: `race${index}@example.com` })),
    );
    const winners = attempts.filter((attempt) => attempt.status === "fulfilled");
    const losers = attempts.flatMap((attempt) => (attempt.status === "rejected" ? [attempt.reason] : []));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(7);
    for (const loser of losers) expect(loser).toMatchObject({ code: "CONFLICT", issues: [{ path: "username" }] });
  });
});
