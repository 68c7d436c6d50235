import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("works with no settings at all, using the embedded database", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, NODE_ENV: "development", LOG_LEVEL: "info" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.ADMIN_EMAILS.size).toBe(0);
    expect(config.PUBLIC_URL).toBe("http://localhost:3000");
    expect(config.DATA_DIR).toMatch(/apps\/server\/\.data$/);
  });

  it("derives the public URL from PORT unless it is set", () => {
    expect(loadConfig({ PORT: "8080" }).PUBLIC_URL).toBe("http://localhost:8080");
    expect(loadConfig({ PORT: "8080", PUBLIC_URL: "https://book.example.com/" }).PUBLIC_URL).toBe("https://book.example.com");
  });

  it("keeps finished rows 90, 365, 30 and 7 days unless the RETENTION_DAYS_* settings say otherwise", () => {
    expect(loadConfig({})).toMatchObject({
      RETENTION_DAYS_NOTIFICATIONS: 90,
      RETENTION_DAYS_PAYMENT_EVENTS: 365,
      RETENTION_DAYS_SESSIONS: 30,
      RETENTION_DAYS_TOKENS: 7,
    });
    expect(loadConfig({ RETENTION_DAYS_SESSIONS: "14" }).RETENTION_DAYS_SESSIONS).toBe(14);
  });

  it("parses ADMIN_EMAILS into a lowercased set", () => {
    expect([...loadConfig({ ADMIN_EMAILS: " Boss@Example.com, ops@example.com ," }).ADMIN_EMAILS]).toEqual([
      "boss@example.com",
      "ops@example.com",
    ]);
  });

  it.each([
    ["PORT", { PORT: "eighty" }],
    ["PORT", { PORT: "70000" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://localhost/db" }],
    ["ADMIN_EMAILS", { ADMIN_EMAILS: "boss@example.com,nobody" }],
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }],
    ["PUBLIC_URL", { PUBLIC_URL: "not a url" }],
    ["REDIS_URL", { REDIS_URL: "http://localhost:6379" }],
    ["AUTH_RATE_LIMIT_PER_MINUTE", { AUTH_RATE_LIMIT_PER_MINUTE: "0" }],
    ["JWT_PRIVATE_KEY", { JWT_PRIVATE_KEY: "not a pem" }],
    ["GITHUB_CLIENT_SECRET", { GITHUB_CLIENT_ID: "id-only" }],
    ["OIDC_ISSUER", { OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "secret" }],
    ["STRIPE_SECRET_KEY", { STRIPE_SECRET_KEY: "pk_test_publishable", STRIPE_WEBHOOK_SECRET: "whsec_x" }],
    ["STRIPE_WEBHOOK_SECRET", { STRIPE_SECRET_KEY: "sk_test_x" }],
    ["STRIPE_WEBHOOK_SECRET", { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "secret" }],
    ["STRIPE_API_BASE", { STRIPE_API_BASE: "http://127.0.0.1:12111" }],
    ["STRIPE_API_BASE", { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x", STRIPE_API_BASE: "ftp://x" }],
    ["HOLD_MINUTES", { HOLD_MINUTES: "29" }],
    ["PAYMENTS_SWEEP_SECONDS", { PAYMENTS_SWEEP_SECONDS: "0" }],
    ["RETENTION_DAYS_NOTIFICATIONS", { RETENTION_DAYS_NOTIFICATIONS: "0" }],
    ["RETENTION_DAYS_PAYMENT_EVENTS", { RETENTION_DAYS_PAYMENT_EVENTS: "a year" }],
    ["RETENTION_DAYS_SESSIONS", { RETENTION_DAYS_SESSIONS: "1.5" }],
    ["RETENTION_DAYS_TOKENS", { RETENTION_DAYS_TOKENS: "3651" }],
    ["HOLD_MINUTES", { HOLD_MINUTES: "1441" }],
    ["HOLDS_PER_USER", { HOLDS_PER_USER: "0" }],
    ["BOOKINGS_PER_HOUR", { BOOKINGS_PER_HOUR: "many" }],
    ["SHED_EVENT_LOOP_DELAY_MS", { SHED_EVENT_LOOP_DELAY_MS: "-1" }],
    ["SHED_RETRY_AFTER_SECONDS", { SHED_RETRY_AFTER_SECONDS: "0" }],
    ["DATABASE_POOL_ACQUIRE_TIMEOUT_MS", { DATABASE_POOL_ACQUIRE_TIMEOUT_MS: "soon" }],
    ["WEB_CONCURRENCY", { WEB_CONCURRENCY: "0" }],
    ["WEB_CONCURRENCY", { WEB_CONCURRENCY: "2" }],
  ])("refuses a bad %s, naming it", (variable, environment) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(new RegExp(`^Invalid configuration:\\n  - ${variable}: `));
  });

  it("runs one server process per CPU on PostgreSQL, one on the embedded database, unless WEB_CONCURRENCY says", () => {
    const postgres = "postgres://postgres@127.0.0.1:5432/bookable";
    expect(loadConfig({}).WEB_CONCURRENCY).toBe(1);
    expect(loadConfig({ NODE_ENV: "production" }).WEB_CONCURRENCY).toBe(1);
    expect(loadConfig({ DATABASE_URL: postgres, NODE_ENV: "production" }).WEB_CONCURRENCY).toBe(availableParallelism());
    // Outside production too: the processes share one dev mailbox (shared-dev-outboxes.ts).
    expect(loadConfig({ DATABASE_URL: postgres }).WEB_CONCURRENCY).toBe(availableParallelism());
    expect(loadConfig({ DATABASE_URL: postgres, WEB_CONCURRENCY: "3" }).WEB_CONCURRENCY).toBe(3);
    expect(loadConfig({ WEB_CONCURRENCY: "1" }).WEB_CONCURRENCY).toBe(1);
    expect(() => loadConfig({ WEB_CONCURRENCY: "2" })).toThrow(/WEB_CONCURRENCY: must be 1 with the embedded database/);
  });

  it("accepts a complete OAuth provider and optional services left empty", () => {
    const config = loadConfig({ GITHUB_CLIENT_ID: "id", GITHUB_CLIENT_SECRET: "secret", REDIS_URL: "", OIDC_ISSUER: "" });
    expect(config).toMatchObject({ GITHUB_CLIENT_ID: "id", GITHUB_CLIENT_SECRET: "secret", AUTH_RATE_LIMIT_PER_MINUTE: 20 });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.OIDC_ISSUER).toBeUndefined();
  });

  it("accepts Stripe keys with a local API server", () => {
    const config = loadConfig({
      STRIPE_SECRET_KEY: "sk_test_51abc",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
      STRIPE_API_BASE: "http://127.0.0.1:12111",
      HOLD_MINUTES: "45",
    });
    expect(config).toMatchObject({
      STRIPE_SECRET_KEY: "sk_test_51abc",
      STRIPE_API_BASE: "http://127.0.0.1:12111",
      HOLD_MINUTES: 45,
    });
  });

  it("sheds only when told (SHED_EVENT_LOOP_DELAY_MS), and after a 1 s pool wait, with Retry-After 2", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/bookable" })).toMatchObject({
      SHED_EVENT_LOOP_DELAY_MS: 0,
      SHED_RETRY_AFTER_SECONDS: 2,
      DATABASE_POOL_ACQUIRE_TIMEOUT_MS: 1000,
    });
    expect(loadConfig({}).SHED_EVENT_LOOP_DELAY_MS).toBe(0);
    expect(loadConfig({ SHED_EVENT_LOOP_DELAY_MS: "100", DATABASE_POOL_ACQUIRE_TIMEOUT_MS: "0" })).toMatchObject({
      SHED_EVENT_LOOP_DELAY_MS: 100,
      DATABASE_POOL_ACQUIRE_TIMEOUT_MS: 0,
    });
  });

  it("limits one account to 3 live holds and 30 bookings an hour unless told otherwise", () => {
    expect(loadConfig({})).toMatchObject({ HOLDS_PER_USER: 3, BOOKINGS_PER_HOUR: 30 });
    expect(loadConfig({ HOLDS_PER_USER: "5", BOOKINGS_PER_HOUR: "100" })).toMatchObject({
      HOLDS_PER_USER: 5,
      BOOKINGS_PER_HOUR: 100,
    });
  });

  it("delivers 4 batches of 100 messages at once per worker process unless NOTIFY_CONCURRENCY and NOTIFY_BATCH_SIZE say", () => {
    expect(loadConfig({})).toMatchObject({ NOTIFY_CONCURRENCY: 4, NOTIFY_BATCH_SIZE: 100 });
    expect(loadConfig({ NOTIFY_CONCURRENCY: "8", NOTIFY_BATCH_SIZE: "100" })).toMatchObject({
      NOTIFY_CONCURRENCY: 8,
      NOTIFY_BATCH_SIZE: 100,
    });
    // Resend's batch endpoint takes at most 100 messages a call.
    expect(() => loadConfig({ NOTIFY_BATCH_SIZE: "101" })).toThrow(/NOTIFY_BATCH_SIZE/);
    expect(() => loadConfig({ NOTIFY_CONCURRENCY: "0" })).toThrow(/NOTIFY_CONCURRENCY/);
  });

  it("validates answers against their output schemas except in production, unless VALIDATE_OUTPUT says", () => {
    expect(loadConfig({}).VALIDATE_OUTPUT).toBe(true);
    expect(loadConfig({ NODE_ENV: "test" }).VALIDATE_OUTPUT).toBe(true);
    expect(loadConfig({ NODE_ENV: "production" }).VALIDATE_OUTPUT).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", VALIDATE_OUTPUT: "true" }).VALIDATE_OUTPUT).toBe(true);
    expect(loadConfig({ NODE_ENV: "development", VALIDATE_OUTPUT: "false" }).VALIDATE_OUTPUT).toBe(false);
    expect(() => loadConfig({ VALIDATE_OUTPUT: "yes" })).toThrow(/VALIDATE_OUTPUT/);
  });

  it("names every bad variable at once", () => {
    const error = (() => {
      try {
        loadConfig({ PORT: "x", LOG_LEVEL: "loud" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.split(":")[0])).toEqual(["PORT", "LOG_LEVEL"]);
  });
});
