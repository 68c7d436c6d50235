import {
  createAccessTokenSigner,
  createAuthRateLimits,
  createGitHubProvider,
  createLinkSigner,
  createOidcProvider,
  createSecretBox,
  type LinkSigner,
  loadOrCreateNotificationSecretKey,
  loadOrCreateSigningKey,
  type OAuthProvider,
} from "@bookable/auth";
import {
  type AccountDependencies,
  type AnswerCache,
  AVAILABILITY_LOOK_AHEAD_MS,
  availabilityVersionReader,
  type CoreServiceDependencies,
  type CoreServices,
  cachedResourceDefinitions,
  createAnswerCache,
  createCoreServices,
  type DeliveryDependencies,
  maintenanceTasks,
  type NotificationOutbox,
  type PaymentDependencies,
  prepareMaintenanceQueues,
  prepareNotificationQueue,
  preparePasswordResetQueue,
  prepareWebhookQueue,
  type ResourceDefinitions,
  SessionCache,
  startMaintenanceWorker,
  startNotificationWorker,
  startPasswordResetWorker,
  startWebhookWorker,
  uncachedResourceDefinitions,
  type WebhookDeliveryDependencies,
} from "@bookable/core";
import { type DatabaseHandle, type JobQueue, startJobQueue } from "@bookable/db";
import {
  createLocalPaymentGateway,
  createResendEmailSender,
  createStripePaymentGateway,
  createTwilioSmsSender,
  type EmailSender,
  LocalEmailSender,
  LocalSmsSender,
  type PaymentGateway,
  type SmsSender,
} from "@bookable/integrations";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config.js";
import { NotificationMetrics } from "./notification-metrics.js";
import { serverVersion } from "./server-version.js";
import { shareDevOutboxes } from "./shared-dev-outboxes.js";

/** What the calendar links of confirmation emails are signed for (one purpose, one derived key). */
export const CALENDAR_LINK_PURPOSE = "booking calendar file";
/** What calendar feed tokens are derived for (issue 16): a key of their own, worthless for calendar links. */
const CALENDAR_FEED_PURPOSE = "calendar feed token";

// Each kept resource is one row and its future date overrides.
const RESOURCE_DEFINITIONS_KEPT = 10_000;

/** The long-lived collaborators of the HTTP application, made once at start from the config. */
export interface ServerServices {
  /** Core's services with their dependencies bound, links on PUBLIC_URL (webhooks, scheduled work). */
  core: CoreServices;
  /** The same services making links on another address of the app (a request's, request-public-url.ts). */
  coreAt(publicUrl: string): CoreServices;
  accounts: AccountDependencies;
  /** The dev mailbox when email is delivered locally (no provider configured), outside production. */
  localMailbox: LocalEmailSender | null;
  /** Text messages delivered locally (no Twilio configured), shown in the dev mailbox outside production. */
  localSmsOutbox: LocalSmsSender | null;
  /** The durable job queue (pg-boss) in the application's database. */
  jobs: JobQueue;
  /** False once the job queue has stopped (shutdown, or a fatal error). */
  jobsRunning(): boolean;
  outbox: NotificationOutbox;
  delivery: DeliveryDependencies;
  /** Delivery latency and provider errors counted by this process's workers, and the queue's depth (/metrics). */
  notificationMetrics: NotificationMetrics;
  oauthProviders: OAuthProvider[];
  payments: PaymentDependencies;
  /** Signs and checks the calendar-file links of confirmation emails. */
  calendarLinks: LinkSigner;
  /** Finished availability answers, served while exact (AVAILABILITY_CACHE_MB; issue 12). */
  availabilityCache: AnswerCache;
  /** Resources and their date overrides for bookings, kept per definition version (issue 12). */
  resourceDefinitions: ResourceDefinitions;
  close(): Promise<void>;
}

export interface ServiceOverrides {
  email?: EmailSender;
  sms?: SmsSender;
  /** The clock availability answers are computed and expired by (tests move it past min notice or a hold). */
  now?: () => Date;
}

// Failed sign-ins per account before it is paused, and for how long (issue: 10 per 15 minutes).
const FAILED_SIGN_INS_PER_ACCOUNT = 10;
const FAILED_SIGN_IN_WINDOW_SECONDS = 15 * 60;
/** Where migration 0007's trigger announces a changed user, session or API key (the payload is the user's id). */
const CREDENTIALS_CHANGED_CHANNEL = "credentials_changed";

export async function createServices(
  config: Config,
  database: DatabaseHandle,
  logger: FastifyBaseLogger,
  overrides: ServiceOverrides = {},
): Promise<ServerServices> {
  const resend =
    config.RESEND_API_KEY && config.EMAIL_FROM
      ? createResendEmailSender({
          apiKey: config.RESEND_API_KEY,
          from: config.EMAIL_FROM,
          baseUrl: config.RESEND_API_BASE,
          requestsPerSecond: config.RESEND_REQUESTS_PER_SECOND,
        })
      : null;
  const localSender = overrides.email || resend ? null : new LocalEmailSender();
  const email = overrides.email ?? resend ?? (localSender as LocalEmailSender);
  // The mailbox shows reset links: in production it would hand anyone every account, so it stays closed.
  const localMailbox = config.NODE_ENV === "production" ? null : localSender;
  if (localSender && localMailbox) logger.info("email is delivered locally: messages appear in the dev mailbox at /dev/mailbox");
  if (localSender && !localMailbox) logger.warn("no email provider is configured: emails are not delivered");
  const twilio =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM
      ? createTwilioSmsSender({
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          from: config.TWILIO_FROM,
          apiBase: config.TWILIO_API_BASE,
          messagesPerSecond: config.TWILIO_MESSAGES_PER_SECOND,
        })
      : null;
  const localSms = overrides.sms || twilio ? null : new LocalSmsSender();
  const sms = overrides.sms ?? twilio ?? (localSms as LocalSmsSender);
  const localSmsOutbox = config.NODE_ENV === "production" ? null : localSms;
  if (localSms && localSmsOutbox) logger.info("SMS are delivered locally: messages appear in the dev mailbox at /dev/mailbox");
  if (localSms && !localSmsOutbox) logger.warn("no SMS provider is configured: text messages are not delivered");
  // Several server processes (WEB_CONCURRENCY) show one dev mailbox: each records what the others sent.
  const stopSharingOutboxes = shareDevOutboxes({ email: localMailbox, sms: localSmsOutbox });

  const jobs = await startJobQueue(database, {
    supervise: true,
    pollingIntervalSeconds: config.QUEUE_POLLING_SECONDS,
    superviseIntervalSeconds: config.QUEUE_SUPERVISE_SECONDS,
    // Only a process that works the queue needs to be woken when a job is sent, and only it runs pg-boss's
    // timekeeper, which sends the jobs of cron schedules (the retention prune; decision 026).
    listen: config.RUN_WORKERS,
    schedule: config.RUN_WORKERS,
  });
  jobs.on("error", (error) => logger.error({ err: error }, "the job queue reported an error"));
  let jobsRunning = true;
  jobs.on("stopped", () => {
    jobsRunning = false;
  });
  await prepareNotificationQueue(jobs, {
    maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS,
    retryDelaySeconds: config.NOTIFICATION_RETRY_DELAY_SECONDS,
    jobTimeoutSeconds: config.NOTIFICATION_JOB_TIMEOUT_SECONDS,
  });
  await preparePasswordResetQueue(jobs);
  if (!config.NOTIFICATION_SECRET_KEY && config.NODE_ENV === "production") {
    logger.warn(
      "NOTIFICATION_SECRET_KEY is not set: using a key generated into DATA_DIR; several instances and workers need one shared key",
    );
  }
  const notificationKey = loadOrCreateNotificationSecretKey(config.NOTIFICATION_SECRET_KEY, config.DATA_DIR);
  const secretBox = createSecretBox(notificationKey);
  const calendarLinks = createLinkSigner(notificationKey, CALENDAR_LINK_PURPOSE);
  const outbox: NotificationOutbox = {
    jobs,
    publicUrl: config.PUBLIC_URL,
    maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS,
    secretBox,
  };
  const notificationMetrics = new NotificationMetrics();
  const delivery: DeliveryDependencies = {
    db: database.db,
    email,
    sms,
    publicUrl: config.PUBLIC_URL,
    log: logger,
    secretBox,
    calendarLinks,
    metrics: notificationMetrics,
  };
  const accountLinks = { db: database.db, outbox, publicUrl: config.PUBLIC_URL };
  if (config.RUN_WORKERS) {
    await startNotificationWorker(jobs, delivery, {
      pollingIntervalSeconds: config.QUEUE_POLLING_SECONDS,
      concurrency: config.NOTIFY_CONCURRENCY,
      batchSize: config.NOTIFY_BATCH_SIZE,
    });
    await startPasswordResetWorker(jobs, accountLinks, { pollingIntervalSeconds: config.QUEUE_POLLING_SECONDS });
  }
  await startWebhookDelivery(config, { db: database.db, jobs, secretBox, outbox, log: logger });
  if (!config.JWT_PRIVATE_KEY && config.NODE_ENV === "production") {
    logger.warn("JWT_PRIVATE_KEY is not set: using a key generated into DATA_DIR; several instances need one shared key");
  }
  const signingKey = await loadOrCreateSigningKey(config.JWT_PRIVATE_KEY, config.DATA_DIR);
  const accessTokens = await createAccessTokenSigner(signingKey, config.PUBLIC_URL);
  const rateLimits = createAuthRateLimits({
    perIpPerMinute: config.AUTH_RATE_LIMIT_PER_MINUTE,
    failedSignInsPerAccount: FAILED_SIGN_INS_PER_ACCOUNT,
    failedSignInWindowSeconds: FAILED_SIGN_IN_WINDOW_SECONDS,
    redisUrl: config.REDIS_URL,
  });
  const gateway = paymentGateway(config, logger);
  const payments: PaymentDependencies = { db: database.db, gateway, outbox, publicUrl: config.PUBLIC_URL, log: logger };
  // One coalesced reader for the availability cache and the booking path: under load they share its queries.
  const readVersions = availabilityVersionReader(database.db);
  const availabilityCache = createAnswerCache({
    db: database.db,
    maxBytes: Math.floor(config.AVAILABILITY_CACHE_MB * 1024 * 1024),
    readVersion: async (resourceId) => (await readVersions(resourceId))?.answers,
    // Time changes answers too (min notice, holds running out); what it changes is computed, this bounds the rest.
    maxLifetimeMs: AVAILABILITY_LOOK_AHEAD_MS,
    ...(overrides.now ? { now: overrides.now } : {}),
  });
  const sessionCache = new SessionCache(config.SESSION_CACHE_SECONDS);
  // Every instance forgets a user's cached credentials when any of them changes (migration 0007's trigger);
  // the cache serves nothing while this channel is not listening.
  const stopListening =
    config.SESSION_CACHE_SECONDS > 0
      ? await database.listen(
          CREDENTIALS_CHANGED_CHANNEL,
          (userId) => sessionCache.forgetUser(userId),
          (listening) => {
            sessionCache.setListening(listening);
            if (!listening) logger.warn("the session cache is off until the credentials_changed channel listens again");
          },
        )
      : async () => {};
  // The cache follows AVAILABILITY_CACHE_MB's switch: 0 turns both off (every read from the database).
  const resourceDefinitions =
    config.AVAILABILITY_CACHE_MB > 0
      ? cachedResourceDefinitions({ db: database.db, readVersions, maxEntries: RESOURCE_DEFINITIONS_KEPT })
      : uncachedResourceDefinitions(database.db);
  const accounts: AccountDependencies = {
    db: database.db,
    outbox,
    accessTokens,
    rateLimits,
    adminEmails: config.ADMIN_EMAILS,
    publicUrl: config.PUBLIC_URL,
    sessionCache,
  };
  const coreDependencies: CoreServiceDependencies = {
    accounts,
    bookings: {
      payments,
      holdMinutes: config.HOLD_MINUTES,
      limits: { holdsPerUser: config.HOLDS_PER_USER, bookingsPerHour: config.BOOKINGS_PER_HOUR },
      resources: resourceDefinitions,
    },
    resources: { db: database.db, availabilityCache },
    notifications: { db: database.db, outbox },
    waitlistOfferMinutes: config.WAITLIST_OFFER_MINUTES,
    idempotency: { db: database.db, serverSecret: notificationKey },
    // Plain-http receivers are for development and tests (issue 16); the signing secrets share the notifications' box.
    webhookEndpoints: { db: database.db, secretBox, outbox: { jobs }, allowPlainHttp: config.NODE_ENV !== "production" },
    calendarFeeds: {
      db: database.db,
      feedTokens: createLinkSigner(notificationKey, CALENDAR_FEED_PURPOSE),
      productUrl: config.PUBLIC_URL,
    },
  };
  const core = createCoreServices(coreDependencies);
  // Scheduled work (the payments sweep with the waitlist's, the retention prune) runs where the workers run,
  // never in a process that only serves requests (issue 14).
  const stopAskingForSweeps = config.RUN_WORKERS
    ? await startScheduledJobs(jobs, payments, config, () => core.waitlist.sweep())
    : () => {};
  return {
    core,
    coreAt: coreServicesByPublicUrl(core, coreDependencies, config.PUBLIC_URL),
    calendarLinks,
    availabilityCache,
    resourceDefinitions,
    payments,
    jobs,
    jobsRunning: () => jobsRunning,
    outbox,
    delivery,
    notificationMetrics,
    localSmsOutbox,
    accounts,
    localMailbox,
    oauthProviders: configuredOAuthProviders(config),
    async close() {
      stopAskingForSweeps();
      // Workers finish the message in hand (or hand it back to the queue) before the database closes.
      await jobs.stop({ graceful: true, timeout: 20_000 });
      await rateLimits.close();
      await stopListening();
      stopSharingOutboxes();
    },
  };
}

/** Prepares the webhook queue, and works it here when this process runs the workers (issue 16). */
async function startWebhookDelivery(config: Config, deps: Omit<WebhookDeliveryDependencies, "settings">): Promise<void> {
  // A job outlives the receiver's timeout before it counts as lost, so a slow answer is never sent twice.
  await prepareWebhookQueue(deps.jobs, {
    jobTimeoutSeconds: Math.max(config.NOTIFICATION_JOB_TIMEOUT_SECONDS, Math.ceil(config.WEBHOOK_TIMEOUT_SECONDS) + 5),
  });
  if (!config.RUN_WORKERS) return;
  await startWebhookWorker(
    {
      ...deps,
      settings: {
        timeoutMs: config.WEBHOOK_TIMEOUT_SECONDS * 1000,
        allowPrivateAddresses: config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
        retryBaseSeconds: config.WEBHOOK_RETRY_BASE_SECONDS,
        disableAfterMs: config.WEBHOOK_DISABLE_AFTER_HOURS * 3_600_000,
        userAgent: `Bookable-Webhooks/${serverVersion}`,
      },
    },
    { pollingIntervalSeconds: config.QUEUE_POLLING_SECONDS, concurrency: config.WEBHOOK_CONCURRENCY },
  );
}

/** Prepares the maintenance queues and the prune's schedule and works them here; returns what stops the sweep requests. */
async function startScheduledJobs(
  jobs: JobQueue,
  payments: PaymentDependencies,
  config: Config,
  sweepWaitlist: () => Promise<number>,
): Promise<() => void> {
  await prepareMaintenanceQueues(jobs);
  const retentionDays = {
    notifications: config.RETENTION_DAYS_NOTIFICATIONS,
    paymentEvents: config.RETENTION_DAYS_PAYMENT_EVENTS,
    sessions: config.RETENTION_DAYS_SESSIONS,
    tokens: config.RETENTION_DAYS_TOKENS,
  };
  return startMaintenanceWorker(jobs, maintenanceTasks(payments, retentionDays, sweepWaitlist), {
    sweepIntervalSeconds: config.PAYMENTS_SWEEP_SECONDS,
    pollingIntervalSeconds: config.QUEUE_POLLING_SECONDS,
    log: payments.log,
  });
}

/** Addresses of one app are few (its names and ports); this bounds the map should a rule above ever admit more. */
const PUBLIC_URLS_KEPT = 16;

/**
 * Core's services per public URL, made once for each: the dependencies are the same objects but for the
 * address links are made with, so caches, pools and queues stay shared.
 */
function coreServicesByPublicUrl(
  core: CoreServices,
  deps: CoreServiceDependencies,
  defaultUrl: string,
): (publicUrl: string) => CoreServices {
  const byUrl = new Map<string, CoreServices>([[defaultUrl, core]]);
  return (publicUrl) => {
    const known = byUrl.get(publicUrl);
    if (known) return known;
    const services = createCoreServices(withPublicUrl(deps, publicUrl));
    if (byUrl.size < PUBLIC_URLS_KEPT) byUrl.set(publicUrl, services);
    return services;
  };
}

function withPublicUrl(deps: CoreServiceDependencies, publicUrl: string): CoreServiceDependencies {
  const outbox = { ...deps.accounts.outbox, publicUrl };
  return {
    ...deps,
    accounts: { ...deps.accounts, outbox, publicUrl },
    bookings: { ...deps.bookings, payments: { ...deps.bookings.payments, outbox, publicUrl } },
    notifications: { ...deps.notifications, outbox },
  };
}

function paymentGateway(config: Config, logger: FastifyBaseLogger): PaymentGateway | null {
  if (config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET) {
    return createStripePaymentGateway({
      secretKey: config.STRIPE_SECRET_KEY,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET,
      apiBase: config.STRIPE_API_BASE,
    });
  }
  // The local checkout confirms bookings without money: in production it would give priced slots away.
  if (config.NODE_ENV === "production") {
    logger.warn("STRIPE_SECRET_KEY is not set: priced resources cannot be booked");
    return null;
  }
  logger.info("payments run in local mode: priced bookings are paid on the local checkout page, no money moves");
  // The checkout page on the address the booker is on: the one their return URLs name (issue 15).
  return createLocalPaymentGateway({
    checkoutPageUrl: (sessionId, request) => `${new URL(request.successUrl).origin}/dev/checkout/${sessionId}`,
  });
}

function configuredOAuthProviders(config: Config): OAuthProvider[] {
  const redirectUri = (id: string) => new URL(`/auth/oauth/${id}/callback`, config.PUBLIC_URL).href;
  const providers: OAuthProvider[] = [];
  if (config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET) {
    providers.push(
      createGitHubProvider({
        clientId: config.GITHUB_CLIENT_ID,
        clientSecret: config.GITHUB_CLIENT_SECRET,
        redirectUri: redirectUri("github"),
      }),
    );
  }
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) {
    providers.push(
      createOidcProvider({
        id: "google",
        name: "Google",
        issuer: "https://accounts.google.com",
        clientId: config.GOOGLE_CLIENT_ID,
        clientSecret: config.GOOGLE_CLIENT_SECRET,
        redirectUri: redirectUri("google"),
      }),
    );
  }
  if (config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET) {
    providers.push(
      createOidcProvider({
        id: "oidc",
        name: config.OIDC_NAME,
        issuer: config.OIDC_ISSUER,
        clientId: config.OIDC_CLIENT_ID,
        clientSecret: config.OIDC_CLIENT_SECRET,
        redirectUri: redirectUri("oidc"),
      }),
    );
  }
  return providers;
}
