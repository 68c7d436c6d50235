// The only module that reads process.env. Everything is validated once at start; a bad value stops
// the process with a message naming the variable (see main.ts).
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";
import { defaultDataDir } from "./asset-paths.js";

const emailList = z
  .string()
  .default("")
  .transform((value, context) => {
    const emails = value
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item.length > 0);
    for (const email of emails) {
      if (!z.email().safeParse(email).success) {
        context.addIssue({ code: "custom", message: `"${email}" is not an email address` });
      }
    }
    return new Set(emails);
  });

function optionalText() {
  return z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined));
}

function booleanText(fallback: boolean) {
  return z
    .enum(["true", "false"], { error: "must be true or false" })
    .default(fallback ? "true" : "false")
    .transform((value) => value === "true");
}

function optionalUrl(protocol: RegExp, message: string) {
  return z
    .url({ protocol, error: message })
    .optional()
    .or(z.literal("").transform(() => undefined));
}

/** Days a kind of finished row is kept before the worker's retention prune deletes it (1 to 3650). */
function retentionDays(fallback: number, description: string) {
  return z.coerce.number().int().min(1).max(3650).default(fallback).describe(description);
}

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
  .optional()
  .or(z.literal("").transform(() => undefined));

// Every setting carries its reference text (`.describe()`, or `.meta()` with `whenUnset` where the default is
// worked out at start): `pnpm docs:config` writes docs/configuration.md and .env.example from them, and a
// unit test fails when either is stale. Markdown is fine; links are relative to docs/.
export const configSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"])
    .default("development")
    .describe(
      "In `production` the session cookie and the OAuth cookies are always `Secure`, and the server warns at start " +
        "when `JWT_PRIVATE_KEY` is unset. Stack traces are never sent to clients in any mode.",
    ),
  HOST: z.string().min(1).default("localhost").describe("Interface to listen on. Use `0.0.0.0` in a container."),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000).describe("TCP port to listen on."),
  PUBLIC_URL: z
    .url()
    .optional()
    .meta({
      whenUnset: "`http://localhost:PORT`",
      description:
        "Public origin of the app; a trailing `/` is dropped. Used for the server URL in the OpenAPI document, the " +
        "links in emails and the checkout, the OAuth callback URLs, the `iss` claim of access tokens, the check against " +
        'cross-site requests, and the "ready" log line. Set it when the app is reached through another scheme, host or ' +
        "port. Unset, outside production, emailed links and the checkout use the address a request came to when it is " +
        "this server's own (e.g. `http://127.0.0.1:3000`); in production the `Host` header is never used.",
    }),
  DATABASE_URL: postgresUrl.describe(
    "A `postgres://` or `postgresql://` URL. Unset or empty: the embedded PGlite database in `DATA_DIR/pglite`.",
  ),
  DATABASE_POOL_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(10)
    .describe("Most connections in the node-postgres pool. Used only with `DATABASE_URL`."),
  // Five times the 200 ms response budget: a wait that long means the pool is hopelessly behind, and a shorter
  // one would refuse bursts that drain by themselves.
  DATABASE_POOL_ACQUIRE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(1000)
    .describe(
      "Milliseconds a request may wait for a pool connection; past it the request is answered 503 " +
        "`SERVICE_UNAVAILABLE` with `Retry-After` (summed up in a warning every 10 s, not logged as a fault). `0` " +
        "waits without limit. Used only with `DATABASE_URL`. See [Overload](operations.md#overload).",
    ),
  DATA_DIR: z
    .string()
    .min(1)
    .optional()
    .meta({
      whenUnset: "`apps/server/.data`",
      description:
        "Folder for local state: the embedded database, and the generated keys `jwt-signing-key.pem` and " +
        "`notification-secret.key` when their variables are unset. The default is the server package's own `.data` " +
        "folder however the server is started; a relative value is resolved against the working directory.",
    }),
  ADMIN_EMAILS: emailList.describe(
    "Comma-separated email addresses. An account with one of them gets the `admin` role once the address is " +
      "verified (through the emailed link, a password reset, or a provider that verified it), never before, so " +
      "nobody can claim an admin address by registering it first. Case is ignored. Each entry must be a valid address.",
  ),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("The least severe log level written (pino)."),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024)
    .describe("Largest accepted request body, in bytes. A larger body gets 413 `PAYLOAD_TOO_LARGE`."),
  TLS_CERT_FILE: optionalText().describe(
    "PEM certificate (chain) file; with `TLS_KEY_FILE` (both or neither) the server speaks HTTPS itself. " +
      "See [Deploy](deploy.md#3-https).",
  ),
  TLS_KEY_FILE: optionalText().describe("PEM private key file for `TLS_CERT_FILE`."),
  HTTP_REDIRECT_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65_535)
    .optional()
    .describe("With TLS: a plain-HTTP port whose requests are redirected (308) to HTTPS."),
  HTTPS_REDIRECT: booleanText(false).describe(
    "`true`: behind a proxy, requests that came over plain HTTP (by `X-Forwarded-Proto`) are redirected to HTTPS; " +
      "the probes and `/metrics` are exempt.",
  ),
  TRUST_PROXY: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    )
    .refine((items) => items.every((item) => isIP(item.split("/")[0] ?? "") !== 0), {
      error: "must be comma-separated IP addresses or CIDR ranges",
    })
    .describe(
      'Comma-separated addresses or CIDR ranges (e.g. "10.0.0.0/8,127.0.0.1") of proxies whose `X-Forwarded-For`, ' +
        "`-Proto` and `-Host` are believed (client IP for rate limits, `Secure` cookies). Empty: the TCP peer is the client.",
    ),
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim().replace(/\/$/, ""))
        .filter((item) => item.length > 0),
    )
    .refine((items) => items.every((item) => /^https?:\/\/[^/\s]+$/.test(item)), {
      error: "must be comma-separated origins such as https://partner.example.com",
    })
    .describe("Comma-separated browser origins (other than `PUBLIC_URL`) allowed to call the API with credentials."),
  API_RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(600)
    .describe(
      "Requests per client IP and minute on `/api` and `/trpc` (429 with `Retry-After`); shared through Redis with `REDIS_URL`.",
    ),
  // Opt-in for now: shedding is all or nothing, and under a closed loop of 1000 connections every refusal is
  // replaced at once, so answering refusals kept the loop late and the process shed nearly everything (bench:
  // 2–16 bookings/s made instead of 38–80). Issue 12 follows up with admitting a share.
  SHED_EVENT_LOOP_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(0)
    .describe(
      "Mean event-loop delay (ms, over 250 ms windows) above which new requests are answered 503 " +
        "`SERVICE_UNAVAILABLE` with `Retry-After` at once; `/healthz`, `/readyz` and `/metrics` never are. `0` " +
        "turns it off. Opt-in for now (try `100`, half the 200 ms budget): see [Overload](operations.md#overload) for why.",
    ),
  // More only queue for the database pool and the CPU, hence a few times DATABASE_POOL_MAX.
  ADMISSION_MAX_IN_FLIGHT: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .optional()
    .meta({
      whenUnset: "4 × `DATABASE_POOL_MAX`",
      description:
        "API requests (`/api`, `/trpc`) one process works on at once (admission control); `0` disables. " +
        "See [Overload](operations.md#overload).",
    }),
  // A quarter of the 200 ms response budget.
  ADMISSION_MAX_QUEUE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(50)
    .describe(
      "Longest expected wait (ms) for a turn past `ADMISSION_MAX_IN_FLIGHT`; a request that would wait longer is " +
        "answered 503 with `Retry-After` at once.",
    ),
  SHED_RETRY_AFTER_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(2)
    .describe("The `Retry-After` (seconds) of a request shed for load or for a pool wait."),
  REQUEST_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(600)
    .default(30)
    .describe("Seconds a request may take in all before the server gives up on it."),
  // Outside production the dev mailbox is kept in each process's memory (with several, /dev/mailbox would show
  // another process's mail at random), hence 1 there.
  WEB_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(256)
    .optional()
    .meta({
      whenUnset: "CPUs with `DATABASE_URL`, else `1`",
      description:
        "Server processes (Node's cluster: workers sharing `PORT`). Unset: one per CPU (`os.availableParallelism()`; " +
        "in a container, its limit) with `DATABASE_URL`; 1 on the embedded database. More than 1 without " +
        "`DATABASE_URL` is refused (PGlite can be opened by one process only). Each process has its own pool of " +
        "`DATABASE_POOL_MAX` connections; outside production they share one dev mailbox through the primary. The " +
        "notification worker (`pnpm start:worker`) is always one process. " +
        "See [Operations](operations.md#server-processes-web_concurrency).",
    }),
  SHUTDOWN_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(600)
    .default(25)
    .describe("After SIGTERM: how long requests in flight and jobs in hand may finish before the process stops anyway."),
  METRICS_TOKEN: optionalText().describe(
    "A bearer token `/metrics` then requires. Unset in production, `/metrics` is not served on `PORT` at all, only " +
      "on `127.0.0.1:METRICS_PORT`; unset outside production, it is open. The start log says which applies.",
  ),
  METRICS_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65_535)
    .default(9464)
    .describe(
      "Production without `METRICS_TOKEN`: the port of the loopback-only (`127.0.0.1`) listener that serves " +
        "`GET /metrics`, for a scraper on the same host or in the same pod. Several instances on one host need one " +
        "port each: an instance that finds it taken serves without `/metrics` and logs a warning.",
    ),
  WEB_DIST_DIR: z.string().min(1).optional().meta({
    whenUnset: "`dist/public` beside the bundled server, else `apps/web/dist`",
    description: "The built web app to serve. If it has no `index.html`, the server runs without the web app and logs a warning.",
  }),
  HOLD_MINUTES: z.coerce
    .number()
    .int()
    .min(30)
    .max(24 * 60)
    .default(30)
    .describe(
      "How long a booking of a priced resource holds its seats while it waits for payment, and when its Stripe " +
        "Checkout Session expires (Stripe allows 30 minutes to 24 hours). See [Payments](bookings.md#payments).",
    ),
  WAITLIST_OFFER_MINUTES: z.coerce
    .number()
    .int()
    .min(30)
    .max(24 * 60)
    .default(30)
    .describe(
      "How long a seat that came free is held for the first person on its waitlist: they accept it (or pay for a " +
        "priced one) within this time, or it goes to the next in line. At least 30, as a priced offer's Stripe " +
        "Checkout Session needs. See [Waitlist](bookings.md#waitlist).",
    ),
  SESSION_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60)
    .default(5)
    .describe(
      "Seconds a verified access token, browser session or API key is answered from memory (`0` turns it off). A " +
        "change to a user, session or key is seen at once by the instance that made it, and by the others when it " +
        "commits (`LISTEN/NOTIFY` on `credentials_changed`); without that channel nothing is cached.",
    ),
  HOLDS_PER_USER: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(3)
    .describe(
      "Live holds (priced bookings waiting for payment whose hold has not run out) one account may have at once; " +
        "one more answers 429 `RATE_LIMITED` with `Retry-After`. See [Book](bookings.md#book).",
    ),
  BOOKINGS_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(30)
    .describe(
      "Bookings one account may make in any rolling hour, cancelled ones included; one more answers 429 " +
        "`RATE_LIMITED` with `Retry-After`. See [Book](bookings.md#book).",
    ),
  PAYMENTS_SWEEP_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(300)
    .default(10)
    .describe(
      "Seconds between payments sweeps: releasing overdue holds, expiring their Stripe Checkout Sessions, sending " +
        "pending refunds. The worker runs the sweep as a pg-boss job, one at a time across every worker. See " +
        "[Scheduled jobs](decisions/026-scheduled-jobs-in-the-worker.md).",
    ),
  // Retention (issue 14): days finished rows are kept before the worker's hourly prune deletes them.
  RETENTION_DAYS_NOTIFICATIONS: retentionDays(
    90,
    "Days finished delivery-log rows (sent, skipped, dead, or the provider's final status) are kept: three " +
      'months to answer "was my confirmation sent?". Queued, sending and retrying messages are never pruned.',
  ),
  RETENTION_DAYS_PAYMENT_EVENTS: retentionDays(
    365,
    "Days processed Stripe webhook events are kept (replay protection; Stripe retries for three days): a year, for audits.",
  ),
  RETENTION_DAYS_SESSIONS: retentionDays(
    30,
    "Days sessions are kept after they expired or were revoked (the account's session list, investigating a revocation).",
  ),
  RETENTION_DAYS_TOKENS: retentionDays(
    7,
    "Days verification and reset tokens are kept after use or expiry, and refresh tokens after expiry; they can never work again.",
  ),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(20)
    .describe(
      "Attempts per client IP and minute for each of sign-in, registration, token requests and password reset. " +
        "See [Rate limits](rest-api.md#rate-limits).",
    ),
  REDIS_URL: optionalUrl(/^rediss?$/, "must be a redis:// or rediss:// URL").describe(
    "A `redis://` or `rediss://` URL. Rate-limit counters are then shared by every instance. Unset or empty: each " +
      "process counts in its own memory.",
  ),
  JWT_PRIVATE_KEY: optionalText()
    .refine((value) => value === undefined || value.includes("PRIVATE KEY"), {
      error: "must be a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)",
    })
    .describe(
      "The Ed25519 private key that signs access tokens, as a PKCS#8 PEM (`\\n` allowed for line breaks). Unset or " +
        "empty: a key generated into `DATA_DIR/jwt-signing-key.pem`. Several instances need the same key. " +
        "See [Access tokens and the signing key](rest-api.md#access-tokens-and-the-signing-key).",
    ),
  NOTIFICATION_SECRET_KEY: optionalText()
    .refine((value) => value === undefined || value.length >= 32, {
      error: "must be at least 32 characters of random text (e.g. openssl rand -base64 32)",
    })
    .describe(
      "At least 32 random characters (`openssl rand -base64 32`) from which the key that seals verification and " +
        "reset links until delivery is derived, the key that hides stored `Idempotency-Key` answers (decision 032: " +
        "changing it forgets the last 24 hours' keys), and the keys that sign calendar-file links and calendar feed tokens. " +
        "Unset or empty: a key generated into `DATA_DIR/notification-secret.key`. " +
        "Every instance and worker needs the same key; changing it changes every calendar feed URL. " +
        "See [Notifications](notifications.md) and [Calendar feeds](calendar-feeds.md).",
    ),
  STRIPE_SECRET_KEY: optionalText()
    .refine((value) => value === undefined || /^(sk|rk)_[A-Za-z0-9_]+$/.test(value), {
      error: "must be a Stripe secret key (sk_… or rk_…)",
    })
    .describe(
      "Stripe secret key (`sk_…` or a restricted `rk_…`). With `STRIPE_WEBHOOK_SECRET`: both or neither. Unset: " +
        "local payment mode outside production; in production, priced resources cannot be booked.",
    ),
  STRIPE_WEBHOOK_SECRET: optionalText()
    .refine((value) => value === undefined || value.startsWith("whsec_"), {
      error: "must be a webhook signing secret (whsec_…)",
    })
    .describe(
      "The signing secret (`whsec_…`) of the webhook endpoint `PUBLIC_URL/webhooks/stripe`, from the Stripe " +
        "dashboard or `stripe listen`.",
    ),
  STRIPE_API_BASE: optionalUrl(/^https?$/, "must be an http(s) URL").describe(
    "Another Stripe API server (protocol, host and port), e.g. a local mock; api.stripe.com by default. Only with " +
      "`STRIPE_SECRET_KEY`.",
  ),
  RESEND_API_KEY: optionalText()
    .refine((value) => value === undefined || value.startsWith("re_"), {
      error: "must be a Resend API key (re_…)",
    })
    .describe(
      "Resend API key (`re_…`), with `EMAIL_FROM`: both or neither. Unset: emails go to the dev mailbox outside " +
        "production, and are not delivered in production.",
    ),
  EMAIL_FROM: optionalText()
    .refine((value) => value === undefined || /^([^<>]+<)?[^\s@<>]+@[^\s@<>]+>?$/.test(value), {
      error: 'must be an email address, optionally with a name: "Bookable <bookings@example.com>"',
    })
    .describe("The sender of every email, e.g. `Bookable <bookings@example.com>`, on a domain verified at Resend."),
  RESEND_WEBHOOK_SECRET: optionalText()
    .refine((value) => value === undefined || value.startsWith("whsec_"), {
      error: "must be a webhook signing secret (whsec_…)",
    })
    .describe(
      "The signing secret (`whsec_…`) of a Resend webhook endpoint `PUBLIC_URL/webhooks/resend` (Resend dashboard → " +
        "Webhooks; events `email.delivered`, `email.bounced`, `email.complained`, `email.delivery_delayed`, " +
        "`email.failed`). Unset: the route answers 404 and the delivery log shows `sent` (accepted), never the " +
        "provider's `delivered`, `bounced` or `complained`. " +
        "See [Notifications](notifications.md#the-providers-word-on-delivery).",
    ),
  RESEND_API_BASE: optionalUrl(/^https?$/, "must be an http(s) URL").describe(
    "Another Resend API server, e.g. a local mock; api.resend.com by default. Only with `RESEND_API_KEY`.",
  ),
  // Issue 13: Resend's default limit is 5 requests a second per team, shared by every key and process.
  RESEND_REQUESTS_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(5)
    .describe(
      "Requests a second this process makes to Resend, batches included. Resend allows 5 a second per team by " +
        "default, shared by all keys: with several processes sending email (server and `pnpm start:worker`), give " +
        "each its share. Requests past the rate wait their turn; a `429` from Resend pauses them for the " +
        "`retry-after` it names, and a send that cannot go out within 20 s fails retriable and the queue tries it " +
        "later. See [Notifications](notifications.md#within-the-providers-limits).",
    ),
  TWILIO_ACCOUNT_SID: optionalText()
    .refine((value) => value === undefined || /^AC[0-9a-fA-F]{32}$/.test(value), {
      error: "must be a Twilio account SID (AC followed by 32 hex digits)",
    })
    .describe(
      "Twilio account (`AC` + 32 hex digits), with `TWILIO_AUTH_TOKEN` and `TWILIO_FROM`: all three or none. " +
        "Unset: SMS go to the dev mailbox outside production.",
    ),
  TWILIO_AUTH_TOKEN: optionalText().describe(
    "See `TWILIO_ACCOUNT_SID`. Also checks the `X-Twilio-Signature` of the status callbacks Twilio posts to " +
      "`PUBLIC_URL/webhooks/twilio/status` (each SMS is sent with that URL), so `PUBLIC_URL` must be the origin " +
      "Twilio reaches.",
  ),
  TWILIO_FROM: optionalText()
    .refine((value) => value === undefined || /^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/.test(value), {
      error: "must be an E.164 phone number or a messaging service SID (MG…)",
    })
    .describe("The sender: an E.164 number or a messaging service SID (`MG…`)."),
  TWILIO_API_BASE: optionalUrl(/^https?$/, "must be an http(s) URL").describe(
    "Another Twilio API server, e.g. a local mock; api.twilio.com by default. Only with `TWILIO_ACCOUNT_SID`.",
  ),
  TWILIO_MESSAGES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(1)
    .describe(
      "Text messages a second this process sends from `TWILIO_FROM`: 1 for a long code; toll-free numbers and " +
        "short codes send more. Messages past the rate wait their turn; a `429` (error 20429) backs off and tries " +
        "again for up to 20 s, then fails retriable.",
    ),
  NOTIFICATION_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .describe("Attempts per message before it is `dead` (an admin may retry it)."),
  NOTIFICATION_RETRY_DELAY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(30)
    .describe("Seconds before the first retry of a failed message; each further one waits about twice as long, at most 6 hours."),
  NOTIFICATION_JOB_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(60)
    .describe("Seconds a delivery may take before it counts as lost (a killed worker) and is tried again."),
  SEED_DEMO_DATA: booleanText(false).describe(
    "`true` adds the demo resources of `pnpm db:seed` at start (idempotent by slug); the way to seed the embedded " +
      "database while the server runs, as it can be opened by one process only.",
  ),
  VALIDATE_OUTPUT: z
    .enum(["true", "false"], { error: "must be true or false" })
    .optional()
    .meta({
      whenUnset: "`true`; `false` with `NODE_ENV=production`",
      description:
        "`true`: the availability answer (thousands of slots) is checked against its output schema on every " +
        "request, so a wrong answer fails with 500. `false` trusts it to its static type, which saves about 40 % of " +
        "the CPU of an uncached month (issue 12). The OpenAPI document is the same either way.",
    }),
  AVAILABILITY_CACHE_MB: z.coerce
    .number()
    .min(0)
    .max(65_536)
    .default(64)
    .describe(
      "Megabytes of finished availability answers (JSON, gzip, brotli) each process keeps, least recently used " +
        "dropped first; `0` turns the cache off, and the booking path's cache of resources and date overrides with " +
        "it. An answer is served only while nothing it depends on changed, on any instance, and until time changes " +
        "it. See [decision 019](decisions/019-availability-cache.md).",
    ),
  RUN_WORKERS: booleanText(true).describe(
    "Whether this server also runs the job workers; `false` when separate `pnpm start:worker` processes run them.",
  ),
  NOTIFY_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(4)
    .describe(
      "Batches of messages one worker process delivers at once, each up to `NOTIFY_BATCH_SIZE`; one more batch is " +
        "always kept for urgent messages (confirmations, payment requests, verification and reset links). " +
        "See [Notifications](notifications.md#throughput).",
    ),
  // 100, Resend's most per call: at its 5 requests a second, batches of 25 drained 112 emails a second and
  // batches of 100 341 (bench).
  NOTIFY_BATCH_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(100)
    .describe(
      "Messages a worker fetches together; their emails go to the provider in one batch call (Resend: at most " +
        "100). Larger batches send more per call but hold a confirmation fetched in them until the whole batch is rendered.",
    ),
  QUEUE_POLLING_SECONDS: z.coerce
    .number()
    .min(0.5)
    .max(60)
    .default(2)
    .describe(
      "How often an idle worker looks for jobs that came due by themselves (reminders, retries after their " +
        "backoff), in seconds. A job queued by a change wakes the workers at once (PostgreSQL `LISTEN/NOTIFY`).",
    ),
  QUEUE_SUPERVISE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(60)
    .describe("How often the queue looks for jobs whose worker died (past `NOTIFICATION_JOB_TIMEOUT_SECONDS`), in seconds."),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce
    .number()
    .min(0.1)
    .max(60)
    .default(10)
    .describe("Seconds a webhook receiver has to answer a delivery; no answer in time counts as a failed attempt."),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce
    .number()
    .min(0.01)
    .max(3600)
    .default(5)
    .describe(
      "Seconds before the first retry of a failed webhook delivery; later retries wait multiples of it (5 s, 5 min, " +
        "30 min, 2 h, 5 h, 10 h, 14 h with the default: eight attempts over about 31 hours), then the delivery is `failed`.",
    ),
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce
    .number()
    .min(0)
    .max(8760)
    .default(120)
    .describe(
      "Hours a webhook endpoint may fail every delivery before it is disabled and its owner emailed (5 days by default).",
    ),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z
    .enum(["true", "false"], { error: "must be true or false" })
    .optional()
    .meta({
      whenUnset: "`true`; `false` with `NODE_ENV=production`",
      description:
        "`false` refuses webhook deliveries to private, loopback, link-local, unique-local, CGNAT, multicast and other " +
        "non-public addresses (IPv4 and IPv6, IPv4-mapped included), checked on the address each delivery connects to, " +
        "so a DNS answer cannot redirect one inside (SSRF guard). `true` allows them, for receivers on a developer's machine.",
    }),
  WEBHOOK_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(4)
    .describe("Webhook deliveries one worker process sends at once; one booking's events to one endpoint go one at a time."),
  GITHUB_CLIENT_ID: optionalText().describe(
    "With `GITHUB_CLIENT_SECRET`: sign-in with GitHub. Both or neither. Callback URL: " +
      "`PUBLIC_URL/auth/oauth/github/callback`.",
  ),
  GITHUB_CLIENT_SECRET: optionalText().describe("See `GITHUB_CLIENT_ID`."),
  GOOGLE_CLIENT_ID: optionalText().describe(
    "With `GOOGLE_CLIENT_SECRET`: sign-in with Google. Both or neither. Callback URL: " +
      "`PUBLIC_URL/auth/oauth/google/callback`.",
  ),
  GOOGLE_CLIENT_SECRET: optionalText().describe("See `GOOGLE_CLIENT_ID`."),
  OIDC_ISSUER: optionalUrl(/^https?$/, "must be an http(s) URL").describe(
    "The issuer of any OpenID Connect provider, found through its `/.well-known/openid-configuration`. With " +
      "`OIDC_CLIENT_ID` and `OIDC_CLIENT_SECRET`: all three or none. Callback URL: `PUBLIC_URL/auth/oauth/oidc/callback`.",
  ),
  OIDC_CLIENT_ID: optionalText().describe("See `OIDC_ISSUER`."),
  OIDC_CLIENT_SECRET: optionalText().describe("See `OIDC_ISSUER`."),
  OIDC_NAME: optionalText()
    .pipe(z.string().max(40).default("Single sign-on"))
    .describe("The name of the OpenID Connect provider on the sign-in button."),
});

// Each OAuth provider, Stripe, Resend and Twilio need all of their settings or none.
const providerSettings = [
  ["TLS_CERT_FILE", "TLS_KEY_FILE"],
  ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"],
  ["RESEND_API_KEY", "EMAIL_FROM"],
  ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"],
  ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"],
  ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
  ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"],
] as const;

const completeConfigSchema = configSchema.superRefine((settings, context) => {
  for (const group of providerSettings) {
    const present = group.filter((name) => settings[name] !== undefined);
    if (present.length === 0 || present.length === group.length) continue;
    for (const name of group.filter((candidate) => settings[candidate] === undefined)) {
      context.addIssue({ code: "custom", path: [name], message: `is required when ${present.join(" and ")} is set` });
    }
  }
  if (settings.HTTP_REDIRECT_PORT !== undefined && !settings.TLS_CERT_FILE) {
    context.addIssue({
      code: "custom",
      path: ["HTTP_REDIRECT_PORT"],
      message: "is used only with TLS_CERT_FILE and TLS_KEY_FILE",
    });
  }
  if (settings.WEB_CONCURRENCY !== undefined && settings.WEB_CONCURRENCY > 1 && !settings.DATABASE_URL) {
    context.addIssue({
      code: "custom",
      path: ["WEB_CONCURRENCY"],
      message:
        "must be 1 with the embedded database (PGlite), which one process only can open; set DATABASE_URL to run several server processes",
    });
  }
  for (const [base, key] of [
    ["STRIPE_API_BASE", "STRIPE_SECRET_KEY"],
    ["RESEND_API_BASE", "RESEND_API_KEY"],
    ["TWILIO_API_BASE", "TWILIO_ACCOUNT_SID"],
  ] as const) {
    if (settings[base] && !settings[key]) context.addIssue({ code: "custom", path: [base], message: `is used only with ${key}` });
  }
});

export type Config = Omit<
  z.output<typeof configSchema>,
  "PUBLIC_URL" | "DATA_DIR" | "VALIDATE_OUTPUT" | "WEB_CONCURRENCY" | "WEBHOOK_ALLOW_PRIVATE_ADDRESSES"
> & {
  PUBLIC_URL: string;
  /** PUBLIC_URL was set: it is the one address for links, whatever address a request came to (issue 15). */
  PUBLIC_URL_SET: boolean;
  DATA_DIR: string;
  VALIDATE_OUTPUT: boolean;
  WEB_CONCURRENCY: number;
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = completeConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`));
  }
  const { PUBLIC_URL, DATA_DIR, VALIDATE_OUTPUT, WEB_CONCURRENCY, WEBHOOK_ALLOW_PRIVATE_ADDRESSES, ...settings } = result.data;
  return {
    ...settings,
    WEB_CONCURRENCY: WEB_CONCURRENCY ?? (settings.DATABASE_URL ? availableParallelism() : 1),
    VALIDATE_OUTPUT: VALIDATE_OUTPUT === undefined ? settings.NODE_ENV !== "production" : VALIDATE_OUTPUT === "true",
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES === undefined
        ? settings.NODE_ENV !== "production"
        : WEBHOOK_ALLOW_PRIVATE_ADDRESSES === "true",
    PUBLIC_URL: (PUBLIC_URL ?? `http://localhost:${settings.PORT}`).replace(/\/$/, ""),
    PUBLIC_URL_SET: PUBLIC_URL !== undefined,
    DATA_DIR: path.resolve(DATA_DIR ?? defaultDataDir()),
  };
}
