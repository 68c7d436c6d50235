// Issue 11, item 6: password-reset and verification links were kept in plain text in `notifications.data`,
// so anyone who could read the table could take over accounts with live links. Now the link is sealed
// (AES-256-GCM) until delivery and deleted then; nothing in the delivery log or pg-boss's tables can rebuild
// it afterwards. PGlite and PostgreSQL.
import { deliverNotification, startPasswordResetWorker } from "@bookable/core";
import { notifications } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { type FakeResendServer, startFakeResendServer } from "@bookable/testing";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerAccount, trpcMutation } from "../test/account-helpers.js";
import { adminToken } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("one-time links at rest on $driver", (target) => {
  let resend: FakeResendServer;
  let server: TestServer;

  beforeAll(async () => {
    resend = await startFakeResendServer();
    // No notification worker: the test delivers each message itself, so it can look at the row before.
    server = await buildTestServer(target, {
      RUN_WORKERS: "false",
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
      PUBLIC_URL: "https://bookable.test",
      RESEND_API_KEY: "re_test_key",
      EMAIL_FROM: "Bookable <bookings@bookable.test>",
      RESEND_API_BASE: resend.url,
    });
    // Reset requests are looked up by their own worker (the same work for known and unknown addresses).
    await startPasswordResetWorker(server.app.services.jobs, server.app.services.accounts, { pollingIntervalSeconds: 0.5 });
  });
  afterEach(() => resend.assertAllRequestsValid());
  afterAll(async () => {
    await server?.close();
    await resend?.close();
  });

  async function resetMessageFor(email: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const [row] = await server.database.db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.recipient, email),
            eq(notifications.template, "reset-password"),
            eq(notifications.status, "queued"),
          ),
        );
      if (row) return row;
      if (Date.now() > deadline) throw new Error(`no reset message for ${email}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Every row of the delivery log and of every pg-boss table, as text. */
  async function storedText(): Promise<string> {
    const rows = (query: ReturnType<typeof sql>) =>
      server.database.db.execute(query).then((result) => (result as unknown as { rows: { text: string }[] }).rows);
    const texts = (await rows(sql`select row_to_json(n)::text as text from notifications n`)).map((row) => row.text);
    const tables = await server.database.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'pgboss' and table_type = 'BASE TABLE'`,
    );
    const names = (tables as unknown as { rows: { name: string }[] }).rows.map((row) => row.name);
    expect(names).toContain("job");
    for (const name of names) {
      texts.push(...(await rows(sql.raw(`select row_to_json(t)::text as text from pgboss."${name}" t`))).map((row) => row.text));
    }
    return texts.join("\n");
  }

  function linkIn(text: string | null | undefined) {
    const link = text?.match(/https:\/\/bookable\.test\/reset-password\?token=[A-Za-z0-9_%-]+/)?.[0];
    if (!link) throw new Error("no reset link in the email");
    const token = decodeURIComponent(new URL(link).searchParams.get("token") ?? "");
    return { link, token };
  }

  it("keeps a reset link sealed until delivery and stores nothing that rebuilds it afterwards; the emailed link works", async () => {
    const account = await registerAccount(server);
    const requested = await server.postJson("/api/v1/auth/password-reset", { email: account.email });
    expect(requested.statusCode).toBe(200);

    // Before delivery: the row holds no link in plain text.
    const queued = await resetMessageFor(account.email);
    expect(JSON.stringify(queued)).not.toContain("token=");
    expect(JSON.stringify(queued)).not.toContain("/reset-password");
    expect(queued.data).toEqual({ username: account.username });
    expect(await storedText()).not.toContain("/reset-password");

    expect(await deliverNotification(server.app.services.delivery, queued.id)).toBe("sent");
    const email = resend.sentEmails().find((sent) => sent.to.includes(account.email) && sent.subject.includes("password"));
    const { link, token } = linkIn(email?.text);
    expect(email?.html).toContain(link);

    // After delivery: neither the token nor the link is anywhere in the delivery log or the queue's tables.
    const stored = await storedText();
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(encodeURIComponent(token));
    expect(stored).not.toContain(link);
    const [sent] = await server.database.db.select().from(notifications).where(eq(notifications.id, queued.id));
    expect(sent).toMatchObject({ status: "sent", sealedSecrets: null });
    expect(JSON.stringify(server.logs)).not.toContain(token);

    // The admin's delivery log shows the message but no link.
    const log = await server.app.inject({ url: "/api/v1/admin/notifications", headers: bearer(await adminToken(server)) });
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain(queued.id);
    expect(log.body).not.toContain("token=");

    // The link the owner received still works.
    const reset = await server.postJson("/api/v1/auth/password-reset/confirm", { token, password: "a brand new password" });
    expect(reset.statusCode, reset.body).toBe(200);
    const signIn = await trpcMutation(server, "auth.signIn", { email: account.email, password: "a brand new password" });
    expect(signIn.statusCode).toBe(200);
  });

  it("keeps a verification link sealed until delivery and deletes it then", async () => {
    const account = await registerAccount(server);
    const [queued] = await server.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipient, account.email), eq(notifications.template, "verify-email")));
    expect(queued?.data).toEqual({ username: account.username });
    expect(queued?.sealedSecrets).toBeTruthy();
    expect(JSON.stringify(queued)).not.toContain("token=");

    expect(await deliverNotification(server.app.services.delivery, queued?.id ?? "")).toBe("sent");
    const email = resend.sentEmails().find((sent) => sent.to.includes(account.email) && sent.subject.includes("Confirm"));
    const token = decodeURIComponent(email?.text?.match(/verify-email\?token=([A-Za-z0-9_%-]+)/)?.[1] ?? "");
    expect(token).not.toBe("");
    expect(await storedText()).not.toContain(token);
    const verified = await server.postJson("/api/v1/auth/verify-email", { token });
    expect(verified.statusCode, verified.body).toBe(200);
  });

  it("deletes the link of a message that died, and refuses an admin's retry of it with a clear message", async () => {
    const account = await registerAccount(server);
    await server.postJson("/api/v1/auth/password-reset", { email: account.email });
    const queued = await resetMessageFor(account.email);
    resend.failNext("POST", "/emails", 422, 1);
    expect(await deliverNotification(server.app.services.delivery, queued.id)).toBe("dead");
    const [dead] = await server.database.db.select().from(notifications).where(eq(notifications.id, queued.id));
    expect(dead).toMatchObject({ status: "dead", sealedSecrets: null, data: { username: account.username } });

    const retried = await server.postJson(`/api/v1/admin/notifications/${queued.id}/retry`, {}, bearer(await adminToken(server)));
    expect(retried.statusCode).toBe(409);
    expect(retried.json().error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("ask for a new link") });
    const [still] = await server.database.db.select().from(notifications).where(eq(notifications.id, queued.id));
    expect(still?.status).toBe("dead");
  });

  it("prunes a delivered message's payload: the log keeps status, times and provider id", async () => {
    const account = await registerAccount(server);
    const [queued] = await server.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipient, account.email), eq(notifications.template, "verify-email")));
    expect(await deliverNotification(server.app.services.delivery, queued?.id ?? "")).toBe("sent");
    const [sent] = await server.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, queued?.id ?? ""));
    expect(sent?.data).toEqual({});
    expect(sent).toMatchObject({ status: "sent", recipient: account.email, template: "verify-email" });
    expect(sent?.providerMessageId).toBeTruthy();
    expect(sent?.sentAt).toBeInstanceOf(Date);
  });
});
