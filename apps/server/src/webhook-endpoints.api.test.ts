// Outgoing webhook endpoints (issue 16): managing them over REST and tRPC, who may see what, the secret shown
// only in the create and rotate answers and sealed at rest, resend and test events queued as delivery rows
// with their jobs (sending them is the worker's, webhook-delivery*.api.test.ts), the delivery log's pages.
import { openWebhookSecret, WEBHOOK_QUEUE } from "@bookable/core";
import { users, webhookDeliveries, webhookEndpoints } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import type { WebhookDeliveryOutput, WebhookEndpointOutput } from "@bookable/validators";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerAccount, registerVerifiedAccount, tokenPair, trpcQuery } from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("webhook endpoints on $driver", (target) => {
  let server: TestServer;
  let admin: string;
  let member: { accessToken: string; id: string };
  let otherMember: { accessToken: string; id: string };

  const create = (token: string, body: unknown) => server.postJson("/api/v1/webhook-endpoints", body, bearer(token));
  const request = (method: "GET" | "PATCH" | "DELETE" | "POST", url: string, token?: string, body?: unknown) =>
    server.app.inject({
      method,
      url,
      headers: { ...(token ? bearer(token) : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  async function createdEndpoint(token: string, eventTypes = ["booking.created"]) {
    const response = await create(token, { url: "http://127.0.0.1:4450/hooks", eventTypes, description: "CRM sync" });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as WebhookEndpointOutput & { secret: string };
  }
  async function jobsFor(deliveryId: string): Promise<number> {
    const result = await server.database.db.execute(
      sql`select count(*)::int as n from pgboss.job where name = ${WEBHOOK_QUEUE} and data->>'deliveryId' = ${deliveryId}`,
    );
    return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  }
  const rowOf = async (id: string) =>
    (await server.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0];

  beforeAll(async () => {
    // No workers: these tests look at the delivery rows and jobs the API writes, which a working webhook worker
    // would change under them (a test event to an unreachable URL fails and queues its retry).
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000", RUN_WORKERS: "false" });
    // An admin made directly: adminToken confirms its address through the mailbox, which needs the workers.
    const root = await registerVerifiedAccount(server);
    await server.database.db.update(users).set({ role: "admin" }).where(eq(users.id, root.id));
    admin = (await tokenPair(server, root)).accessToken;
    const first = await registerVerifiedAccount(server);
    member = { accessToken: (await tokenPair(server, first)).accessToken, id: first.id };
    const second = await registerVerifiedAccount(server);
    otherMember = { accessToken: (await tokenPair(server, second)).accessToken, id: second.id };
  });
  afterAll(async () => {
    await server?.close();
  });

  it("registers an endpoint with a whsec_ secret shown once, sealed at rest, and never in get or list", async () => {
    const created = await createdEndpoint(admin, ["booking.created", "booking.cancelled"]);
    expect(created).toMatchObject({
      url: "http://127.0.0.1:4450/hooks",
      description: "CRM sync",
      eventTypes: ["booking.created", "booking.cancelled"],
      scope: "all",
      status: "enabled",
      lastDelivery: null,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const row = await rowOf(created.id);
    expect(JSON.stringify(row)).not.toContain(created.secret.slice("whsec_".length));
    expect(openWebhookSecret(server.app.services.delivery.secretBox, created.id, row?.sealedSecret ?? "")).toBe(created.secret);

    const got = await request("GET", `/api/v1/webhook-endpoints/${created.id}`, admin);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).not.toHaveProperty("secret");
    const listed = await request("GET", "/api/v1/webhook-endpoints", admin);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(created.secret.slice("whsec_".length));
    expect(listed.json().items.map((item: WebhookEndpointOutput) => item.id)).toContain(created.id);
  });

  it("gives a member's endpoint scope own, lists only their own, and answers another's with 404", async () => {
    const mine = await createdEndpoint(member.accessToken);
    expect(mine.scope).toBe("own");
    expect(mine.ownerId).toBe(member.id);
    const theirs = await createdEndpoint(otherMember.accessToken);

    const listed = await request("GET", "/api/v1/webhook-endpoints", member.accessToken);
    expect(listed.json().items.map((item: WebhookEndpointOutput) => item.id)).toEqual([mine.id]);
    for (const [method, url, body] of [
      ["GET", `/api/v1/webhook-endpoints/${theirs.id}`, undefined],
      ["PATCH", `/api/v1/webhook-endpoints/${theirs.id}`, { disabled: true }],
      ["DELETE", `/api/v1/webhook-endpoints/${theirs.id}`, undefined],
      ["POST", `/api/v1/webhook-endpoints/${theirs.id}/rotate-secret`, {}],
      ["GET", `/api/v1/webhook-endpoints/${theirs.id}/deliveries`, undefined],
      ["POST", `/api/v1/webhook-endpoints/${theirs.id}/test`, {}],
    ] as const) {
      const response = await request(method, url, member.accessToken, body);
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(404);
      expect(response.json().error.code).toBe("NOT_FOUND");
    }
    expect((await rowOf(theirs.id))?.disabledAt).toBeNull();
    // An admin manages everyone's.
    const asAdmin = await request("GET", `/api/v1/webhook-endpoints/${theirs.id}`, admin);
    expect(asAdmin.statusCode).toBe(200);
    const allForAdmin = await request("GET", "/api/v1/webhook-endpoints", admin);
    expect(allForAdmin.json().items.map((item: WebhookEndpointOutput) => item.id)).toEqual(
      expect.arrayContaining([mine.id, theirs.id]),
    );
  });

  it("answers the anonymous with 401 and an unconfirmed member's registration with 403 EMAIL_NOT_VERIFIED", async () => {
    expect((await request("GET", "/api/v1/webhook-endpoints")).statusCode).toBe(401);
    const anonymous = await server.postJson("/api/v1/webhook-endpoints", {
      url: "https://example.com",
      eventTypes: ["booking.created"],
    });
    expect(anonymous.statusCode).toBe(401);
    const unconfirmed = await registerAccount(server);
    const { accessToken } = await tokenPair(server, unconfirmed);
    const refused = await create(accessToken, { url: "https://example.com/h", eventTypes: ["booking.created"] });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error.code).toBe("EMAIL_NOT_VERIFIED");
  });

  it("refuses bad input with 400 naming each field", async () => {
    const response = await create(member.accessToken, { url: "ftp://example.com", eventTypes: [], description: "x".repeat(501) });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe("VALIDATION_FAILED");
    expect(
      response
        .json()
        .error.issues.map((issue: { path: string }) => issue.path)
        .sort(),
    ).toEqual(["description", "eventTypes", "url"]);
    const unknownType = await create(member.accessToken, { url: "https://example.com", eventTypes: ["webhook.test"] });
    expect(unknownType.statusCode).toBe(400);
    expect(unknownType.json().error.issues[0].path).toBe("eventTypes.0");
    const badId = await request("GET", "/api/v1/webhook-endpoints/not-an-id", member.accessToken);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.issues[0].path).toBe("id");
    const endpoint = await createdEndpoint(member.accessToken);
    const badPatch = await request("PATCH", `/api/v1/webhook-endpoints/${endpoint.id}`, member.accessToken, {
      disabled: "false",
    });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().error.issues[0].path).toBe("disabled");
    const badCursor = await request("GET", `/api/v1/webhook-endpoints/${endpoint.id}/deliveries?cursor=nope`, member.accessToken);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.issues[0].path).toBe("cursor");
  });

  it("updates fields, pauses and re-enables (clearing the failure state), and deletes with the log", async () => {
    const endpoint = await createdEndpoint(member.accessToken);
    const changed = await request("PATCH", `/api/v1/webhook-endpoints/${endpoint.id}`, member.accessToken, {
      url: "https://example.com/other",
      eventTypes: ["booking.confirmed"],
      description: null,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      url: "https://example.com/other",
      eventTypes: ["booking.confirmed"],
      description: null,
    });

    const paused = await request("PATCH", `/api/v1/webhook-endpoints/${endpoint.id}`, member.accessToken, { disabled: true });
    expect(paused.json()).toMatchObject({ status: "disabled", disabledReason: "Disabled by a user" });
    // As the worker leaves it after five days of failures:
    await server.database.db
      .update(webhookEndpoints)
      .set({ failingSince: new Date(Date.now() - 6 * 86_400_000), disabledReason: "Failing for 5 days" })
      .where(eq(webhookEndpoints.id, endpoint.id));
    const resumed = await request("PATCH", `/api/v1/webhook-endpoints/${endpoint.id}`, member.accessToken, { disabled: false });
    expect(resumed.json()).toMatchObject({ status: "enabled", disabledAt: null, disabledReason: null, failingSince: null });

    const test = await request("POST", `/api/v1/webhook-endpoints/${endpoint.id}/test`, member.accessToken, {});
    expect(test.statusCode, test.body).toBe(201);
    const deleted = await request("DELETE", `/api/v1/webhook-endpoints/${endpoint.id}`, member.accessToken);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toEqual({ deleted: true });
    expect(await rowOf(endpoint.id)).toBeUndefined();
    const logLeft = await server.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(logLeft).toEqual([]);
    expect((await request("GET", `/api/v1/webhook-endpoints/${endpoint.id}`, member.accessToken)).statusCode).toBe(404);
  });

  it("rotates the secret: the new one shown once, the previous kept sealed for 24 hours", async () => {
    const endpoint = await createdEndpoint(member.accessToken);
    const before = await rowOf(endpoint.id);
    const rotated = await request("POST", `/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, member.accessToken, {});
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret, previousSecretExpiresAt } = rotated.json() as { secret: string; previousSecretExpiresAt: string };
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(endpoint.secret);
    const hoursLeft = (Date.parse(previousSecretExpiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(23.9);
    expect(hoursLeft).toBeLessThanOrEqual(24);

    const after = await rowOf(endpoint.id);
    const box = server.app.services.delivery.secretBox;
    expect(after?.sealedPreviousSecret).toBe(before?.sealedSecret);
    expect(openWebhookSecret(box, endpoint.id, after?.sealedPreviousSecret ?? "")).toBe(endpoint.secret);
    expect(openWebhookSecret(box, endpoint.id, after?.sealedSecret ?? "")).toBe(secret);
    expect(JSON.stringify(after)).not.toContain(secret.slice("whsec_".length));
    const got = await request("GET", `/api/v1/webhook-endpoints/${endpoint.id}`, member.accessToken);
    expect(got.json()).not.toHaveProperty("secret");
    expect(got.json().previousSecretExpiresAt).toBe(previousSecretExpiresAt);
  });

  it("queues a test event to the one endpoint, and resends a finished delivery with a new job", async () => {
    const endpoint = await createdEndpoint(member.accessToken, ["booking.cancelled"]);
    const sent = await request("POST", `/api/v1/webhook-endpoints/${endpoint.id}/test`, member.accessToken, {
      message: "Hello from the test",
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const delivery = sent.json() as WebhookDeliveryOutput;
    expect(delivery).toMatchObject({
      endpointId: endpoint.id,
      eventType: "webhook.test",
      status: "pending",
      attempts: 0,
      bookingId: null,
      payload: { type: "webhook.test", data: { endpointId: endpoint.id, message: "Hello from the test" } },
    });
    expect(await jobsFor(delivery.id)).toBe(1);

    const stillPending = await request(
      "POST",
      `/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/resend`,
      member.accessToken,
      {},
    );
    expect(stillPending.statusCode, stillPending.body).toBe(409);

    // As the worker leaves a delivery that ran out of retries:
    await server.database.db
      .update(webhookDeliveries)
      .set({ status: "failed", attempts: 9, lastAttemptAt: new Date(), lastResponseStatus: 500, lastResponseMs: 12 })
      .where(eq(webhookDeliveries.id, delivery.id));
    const resent = await request(
      "POST",
      `/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/resend`,
      member.accessToken,
      {},
    );
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ id: delivery.id, status: "pending", attempts: 0, payload: delivery.payload });
    expect(Date.parse(resent.json().nextAttemptAt)).toBeLessThanOrEqual(Date.now());
    expect(await jobsFor(delivery.id)).toBe(2);

    const listed = await request("GET", `/api/v1/webhook-endpoints/${endpoint.id}`, member.accessToken);
    expect(listed.json().lastDelivery).toMatchObject({ status: "pending", eventType: "webhook.test", lastResponseStatus: 500 });

    // Someone else's delivery id under my endpoint, and a disabled endpoint:
    const other = await createdEndpoint(otherMember.accessToken);
    const otherTest = await request("POST", `/api/v1/webhook-endpoints/${other.id}/test`, otherMember.accessToken, {});
    const crossed = await request(
      "POST",
      `/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${otherTest.json().id}/resend`,
      member.accessToken,
      {},
    );
    expect(crossed.statusCode).toBe(404);
    await request("PATCH", `/api/v1/webhook-endpoints/${endpoint.id}`, member.accessToken, { disabled: true });
    const toDisabled = await request("POST", `/api/v1/webhook-endpoints/${endpoint.id}/test`, member.accessToken, {});
    expect(toDisabled.statusCode).toBe(409);
  });

  it("pages the delivery log newest first, filtered by status and event type", async () => {
    const endpoint = await createdEndpoint(admin);
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      const sent = await request("POST", `/api/v1/webhook-endpoints/${endpoint.id}/test`, admin, { message: `n${index}` });
      ids.push(sent.json().id);
    }
    await server.database.db
      .update(webhookDeliveries)
      .set({ status: "delivered", deliveredAt: new Date() })
      .where(eq(webhookDeliveries.id, ids[1] ?? ""));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = await request("GET", `/api/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=2${query}`, admin);
      expect(page.statusCode, page.body).toBe(200);
      const body = page.json() as { items: WebhookDeliveryOutput[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const delivered = await request("GET", `/api/v1/webhook-endpoints/${endpoint.id}/deliveries?status=delivered`, admin);
    expect(delivered.json().items.map((item: WebhookDeliveryOutput) => item.id)).toEqual([ids[1]]);
    const byType = await request("GET", `/api/v1/webhook-endpoints/${endpoint.id}/deliveries?eventType=booking.created`, admin);
    expect(byType.json().items).toEqual([]);
  });

  it("works over tRPC and with an API key", async () => {
    const keyResponse = await server.postJson("/api/v1/api-keys", { name: "hooks" }, bearer(member.accessToken));
    expect(keyResponse.statusCode, keyResponse.body).toBe(201);
    const apiKey = keyResponse.json().key as string;
    const created = await createdEndpoint(apiKey);
    expect(created.scope).toBe("own");
    const viaTrpc = await trpcQuery(server, "webhookEndpoints.list", {}, bearer(apiKey));
    expect(viaTrpc.statusCode, viaTrpc.body).toBe(200);
    expect(viaTrpc.json().result.data.items.map((item: WebhookEndpointOutput) => item.id)).toContain(created.id);
    expect(viaTrpc.body).not.toContain(created.secret.slice("whsec_".length));
  });
});
