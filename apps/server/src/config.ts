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

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
  .optional()
  .or(z.literal("").transform(() => undefined));

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("localhost"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Public origin of the app, used in the OpenAPI document and links; http://localhost:PORT by default. */
  PUBLIC_URL: z.url().optional(),
  /** PostgreSQL connection string; unset means the embedded PGlite database in DATA_DIR. */
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  /**
   * Milliseconds a request may wait for a pool connection before it is answered 503 SERVICE_UNAVAILABLE with
   * Retry-After; 0 waits without limit. Five times the 200 ms response budget: a wait that long means the pool
   * is hopelessly behind, and a shorter one would refuse bursts that drain by themselves.
   */
  DATABASE_POOL_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  /** Folder for local state (the embedded database); apps/server/.data by default, wherever the process starts. */
  DATA_DIR: z.string().min(1).optional(),
  /** Comma-separated emails whose accounts become admins once the address is verified. */
  ADMIN_EMAILS: emailList,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Largest accepted request body, in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  /** PEM certificate (chain) and key files: with both, the server speaks HTTPS itself. */
  TLS_CERT_FILE: optionalText(),
  TLS_KEY_FILE: optionalText(),
  /** With TLS: also listen for plain HTTP on this port, and redirect every request there to HTTPS. */
  HTTP_REDIRECT_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** Behind a proxy: answer plain-HTTP requests (by X-Forwarded-Proto) with a redirect to HTTPS. */
  HTTPS_REDIRECT: booleanText(false),
  /**
   * Proxies whose X-Forwarded-For/-Proto/-Host are believed: comma-separated addresses or CIDR ranges
   * (e.g. "10.0.0.0/8,127.0.0.1"). Unset: none; the client is the TCP peer.
   */
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
    }),
  /** Browser origins other than PUBLIC_URL allowed to call the API (CORS), comma-separated. */
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
    }),
  /** Requests (all of /api and /trpc) per client IP and minute; shared through Redis when REDIS_URL is set. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /**
   * Mean event-loop delay (ms, over 250 ms windows) above which new requests are shed with 503 and
   * Retry-After (probes and /metrics never are); 0, the default, disables. Opt-in for now: shedding is all or
   * nothing, and under a closed loop of 1000 connections every refusal is replaced at once, so answering
   * refusals kept the loop late and the process shed nearly everything (bench: 2–16 bookings/s made instead of
   * 38–80). 100 is the value to try: half the 200 ms budget. Issue 12 follows up with admitting a share.
   */
  SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /**
   * API requests one process works on at once (admission control); 0 disables. More only queue for the
   * database pool and the CPU, so by default it is a few times DATABASE_POOL_MAX (see ADMISSION_MAX_IN_FLIGHT
   * in docs/configuration.md).
   */
  ADMISSION_MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).optional(),
  /**
   * Longest expected wait (ms) for a turn past ADMISSION_MAX_IN_FLIGHT; a request that would wait longer is
   * answered 503 with Retry-After at once. A quarter of the 200 ms response budget.
   */
  ADMISSION_MAX_QUEUE_MS: z.coerce.number().int().min(0).max(60_000).default(50),
  /** The Retry-After (seconds) of a request shed for load (event-loop delay or pool acquire timeout). */
  SHED_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(2),
  /** Seconds a request may take in all before the server gives up on it. */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /**
   * Server processes (node:cluster workers sharing PORT). Unset: the number of CPUs in production with
   * DATABASE_URL; 1 on the embedded database, which one process only can open, and outside production, where
   * the dev mailbox is kept in each process's memory (with several, /dev/mailbox would show another process's
   * mail at random). The notification worker (`pnpm start:worker`) is always one process (issue 12).
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  /** Seconds SIGTERM waits for requests in flight and jobs in hand before the process stops anyway. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /**
   * A bearer token /metrics requires. Unset in production, /metrics is not served on PORT at all but on
   * 127.0.0.1:METRICS_PORT only (a scraper in the same pod or host); unset outside production, it is open.
   */
  METRICS_TOKEN: optionalText(),
  /** Production without METRICS_TOKEN: the loopback-only port that serves /metrics. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).default(9464),
  /** Built web app to serve; defaults to the one shipped beside the server. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** How long a priced booking's seats are held awaiting payment; Stripe Checkout allows 30 minutes to 24 hours. */
  HOLD_MINUTES: z.coerce
    .number()
    .int()
    .min(30)
    .max(24 * 60)
    .default(30),
  /**
   * Seconds a verified session, browser cookie or API key is served from memory instead of the database
   * (issue 12). Revocations and account changes forget it at once on every instance (PostgreSQL
   * LISTEN/NOTIFY); the cache is off while that channel is down. 0 disables it.
   */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /** Unpaid holds (priced bookings awaiting payment) one account may have at once; more answer 429. */
  HOLDS_PER_USER: z.coerce.number().int().min(1).max(1000).default(3),
  /** Bookings one account may make per rolling hour (cancelled ones count too); more answer 429. */
  BOOKINGS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  /**
   * Seconds between payments sweeps (releasing overdue holds, closing their checkouts, sending pending refunds),
   * run by the worker as a pg-boss job, one at a time across every worker (issue 14).
   */
  PAYMENTS_SWEEP_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /**
   * Days finished rows are kept before the worker's hourly retention prune deletes them (issue 14;
   * docs/decisions/026-scheduled-jobs-in-the-worker.md). Finished delivery-log rows (sent, skipped, dead, or
   * the provider's final status): three months to answer "was my confirmation sent?".
   */
  RETENTION_DAYS_NOTIFICATIONS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Processed Stripe webhook events (replay protection; Stripe retries for three days): a year, for audits. */
  RETENTION_DAYS_PAYMENT_EVENTS: z.coerce.number().int().min(1).max(3650).default(365),
  /** Sessions after they expired or were revoked (the account's session list, investigating a revocation). */
  RETENTION_DAYS_SESSIONS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Verification and reset tokens after use or expiry, refresh tokens after expiry; they can never work again. */
  RETENTION_DAYS_TOKENS: z.coerce.number().int().min(1).max(3650).default(7),
  /** Attempts per client IP and minute at sign-in, registration, token and password reset. */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** Redis for rate-limit counters shared by every instance; in-process memory otherwise. */
  REDIS_URL: optionalUrl(/^rediss?$/, "must be a redis:// or rediss:// URL"),
  /** PKCS#8 PEM of the Ed25519 key that signs access tokens; generated into DATA_DIR when unset. */
  JWT_PRIVATE_KEY: optionalText().refine((value) => value === undefined || value.includes("PRIVATE KEY"), {
    error: "must be a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)",
  }),
  /**
   * Key material (at least 32 characters, e.g. `openssl rand -base64 32`) that seals password-reset and
   * verification links until their email is delivered; generated into DATA_DIR when unset. Every instance
   * and worker must share it.
   */
  NOTIFICATION_SECRET_KEY: optionalText().refine((value) => value === undefined || value.length >= 32, {
    error: "must be at least 32 characters of random text (e.g. openssl rand -base64 32)",
  }),
  /** Stripe secret key (sk_… or a restricted rk_…); without it, the local payment mode runs (outside production). */
  STRIPE_SECRET_KEY: optionalText().refine((value) => value === undefined || /^(sk|rk)_[A-Za-z0-9_]+$/.test(value), {
    error: "must be a Stripe secret key (sk_… or rk_…)",
  }),
  /** Signing secret of the webhook endpoint (whsec_…), from the dashboard or `stripe listen`. */
  STRIPE_WEBHOOK_SECRET: optionalText().refine((value) => value === undefined || value.startsWith("whsec_"), {
    error: "must be a webhook signing secret (whsec_…)",
  }),
  /** Another Stripe API server (protocol, host and port), e.g. a local mock; api.stripe.com by default. */
  STRIPE_API_BASE: optionalUrl(/^https?$/, "must be an http(s) URL"),
  /** Resend API key (re_…); without it, emails go to the dev mailbox (outside production) and are not delivered. */
  RESEND_API_KEY: optionalText().refine((value) => value === undefined || value.startsWith("re_"), {
    error: "must be a Resend API key (re_…)",
  }),
  /** The sender of every email, e.g. "Bookable <bookings@example.com>", on a domain verified at Resend. */
  EMAIL_FROM: optionalText().refine((value) => value === undefined || /^([^<>]+<)?[^\s@<>]+@[^\s@<>]+>?$/.test(value), {
    error: 'must be an email address, optionally with a name: "Bookable <bookings@example.com>"',
  }),
  /**
   * Signing secret (whsec_…) of the Resend webhook endpoint `PUBLIC_URL/webhooks/resend` (dashboard → Webhooks;
   * events email.delivered, email.bounced, email.complained, email.delivery_delayed, email.failed). Without
   * it the delivery log shows `sent` (accepted), never the provider's delivered/bounced/complained.
   */
  RESEND_WEBHOOK_SECRET: optionalText().refine((value) => value === undefined || value.startsWith("whsec_"), {
    error: "must be a webhook signing secret (whsec_…)",
  }),
  /** Another Resend API server (a local mock); api.resend.com by default. */
  RESEND_API_BASE: optionalUrl(/^https?$/, "must be an http(s) URL"),
  /**
   * Requests a second this process makes to Resend, batches included (Resend's default limit is 5 per team,
   * shared by every key and process); past it, requests wait their turn, and a 429 pauses them (issue 13).
   */
  RESEND_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(5),
  /** Twilio account (AC…), auth token and sender (an E.164 number or a messaging service MG…), for SMS. */
  TWILIO_ACCOUNT_SID: optionalText().refine((value) => value === undefined || /^AC[0-9a-fA-F]{32}$/.test(value), {
    error: "must be a Twilio account SID (AC followed by 32 hex digits)",
  }),
  TWILIO_AUTH_TOKEN: optionalText(),
  TWILIO_FROM: optionalText().refine((value) => value === undefined || /^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/.test(value), {
    error: "must be an E.164 phone number or a messaging service SID (MG…)",
  }),
  /** Another Twilio API server (a local mock); api.twilio.com by default. */
  TWILIO_API_BASE: optionalUrl(/^https?$/, "must be an http(s) URL"),
  /** Text messages a second this process sends from TWILIO_FROM: 1 for a long code; more for toll-free or short codes. */
  TWILIO_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(1),
  /** Attempts per message before it is dead (an admin may retry it). */
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Seconds before the first retry of a failed message; each further retry waits about twice as long. */
  NOTIFICATION_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Seconds a delivery may run before its job counts as lost (a killed worker) and is tried again. */
  NOTIFICATION_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * Adds the demo resources of `pnpm db:seed` at start (idempotent by slug). The way to seed the embedded
   * database while the server runs: it can be opened by one process only.
   */
  SEED_DEMO_DATA: booleanText(false),
  /**
   * Validate the largest API answers (availability slots) against their output schemas at run time.
   * Unset: on, except with NODE_ENV=production, where they are trusted to their static types (issue 12).
   */
  VALIDATE_OUTPUT: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
  /**
   * Megabytes of finished availability answers (JSON and its gzip/brotli forms) each process keeps; 0 turns
   * the cache off. An answer is served only while exact, on every instance (issue 12).
   */
  AVAILABILITY_CACHE_MB: z.coerce.number().min(0).max(65_536).default(64),
  /** Whether this server also runs the job workers; false when `pnpm start:worker` processes run them. */
  RUN_WORKERS: booleanText(true),
  /**
   * Batches of messages one worker process delivers at once (issue 13), each up to NOTIFY_BATCH_SIZE; one more
   * batch is kept for urgent messages (confirmations, payment requests, verification and reset links).
   */
  NOTIFY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * Messages fetched together; their emails go to the provider in one batch call. 100, Resend's most per call:
   * at its 5 requests a second, batches of 25 drained 112 emails a second and batches of 100 341 (bench).
   */
  NOTIFY_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  /**
   * How often idle workers look for jobs that came due by themselves (reminders, retries), in seconds. A job
   * sent wakes the workers at once (PostgreSQL LISTEN/NOTIFY).
   */
  QUEUE_POLLING_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** How often the queue looks for jobs whose worker died (past NOTIFICATION_JOB_TIMEOUT_SECONDS), in seconds. */
  QUEUE_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  GITHUB_CLIENT_ID: optionalText(),
  GITHUB_CLIENT_SECRET: optionalText(),
  GOOGLE_CLIENT_ID: optionalText(),
  GOOGLE_CLIENT_SECRET: optionalText(),
  /** Any OpenID Connect provider, found by discovery at this issuer URL. */
  OIDC_ISSUER: optionalUrl(/^https?$/, "must be an http(s) URL"),
  OIDC_CLIENT_ID: optionalText(),
  OIDC_CLIENT_SECRET: optionalText(),
  /** The name on the sign-in button of the OpenID Connect provider. */
  OIDC_NAME: optionalText().pipe(z.string().max(40).default("Single sign-on")),
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

export type Config = Omit<z.output<typeof configSchema>, "PUBLIC_URL" | "DATA_DIR" | "VALIDATE_OUTPUT" | "WEB_CONCURRENCY"> & {
  PUBLIC_URL: string;
  DATA_DIR: string;
  VALIDATE_OUTPUT: boolean;
  WEB_CONCURRENCY: number;
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
  const { PUBLIC_URL, DATA_DIR, VALIDATE_OUTPUT, WEB_CONCURRENCY, ...settings } = result.data;
  return {
    ...settings,
    WEB_CONCURRENCY: WEB_CONCURRENCY ?? (settings.DATABASE_URL ? availableParallelism() : 1),
    VALIDATE_OUTPUT: VALIDATE_OUTPUT === undefined ? settings.NODE_ENV !== "production" : VALIDATE_OUTPUT === "true",
    PUBLIC_URL: (PUBLIC_URL ?? `http://localhost:${settings.PORT}`).replace(/\/$/, ""),
    DATA_DIR: path.resolve(DATA_DIR ?? defaultDataDir()),
  };
}
