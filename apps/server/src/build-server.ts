import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createAppRouter } from "@bookable/api";
import { NOTIFICATION_QUEUE } from "@bookable/core";
import { createDatabase, type DatabaseHandle } from "@bookable/db";
import fastifyCookie from "@fastify/cookie";
import Fastify, { type FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { defaultWebDistDir, migrationsFolder } from "./asset-paths.js";
import type { Config } from "./config.js";
import { apiContextFactory } from "./create-api-context.js";
import { createServices, type ServerServices, type ServiceOverrides } from "./create-services.js";
import { serializeErrorForLog } from "./error-log-serializer.js";
import { metricsExposure } from "./metrics-exposure.js";
import { admissionControlPlugin } from "./plugins/admission-control-plugin.js";
import { apiRateLimitPlugin } from "./plugins/api-rate-limit-plugin.js";
import { apiReferencePlugin } from "./plugins/api-reference-plugin.js";
import { bookingCalendarPlugin } from "./plugins/booking-calendar-plugin.js";
import { calendarFeedPlugin } from "./plugins/calendar-feed-plugin.js";
import { corsPlugin } from "./plugins/cors-plugin.js";
import { errorHandlerPlugin } from "./plugins/error-handler-plugin.js";
import { healthPlugin, type Lifecycle } from "./plugins/health-plugin.js";
import { httpsRedirectPlugin } from "./plugins/https-redirect-plugin.js";
import { jsonDepthPlugin } from "./plugins/json-depth-plugin.js";
import { jwksPlugin } from "./plugins/jwks-plugin.js";
import { metricsPlugin } from "./plugins/metrics-plugin.js";
import { oauthPlugin } from "./plugins/oauth-plugin.js";
import { providerWebhooksPlugin } from "./plugins/provider-webhooks-plugin.js";
import { restApiPlugin } from "./plugins/rest-api-plugin.js";
import { securityHeadersPlugin } from "./plugins/security-headers-plugin.js";
import { stripeWebhookPlugin } from "./plugins/stripe-webhook-plugin.js";
import { trpcPlugin } from "./plugins/trpc-plugin.js";
import { registerWebApp, spaFallback } from "./plugins/web-app-plugin.js";
import { serializeRequest } from "./request-log-serializer.js";
import { seedDemoData } from "./seed-demo-data.js";
import { serverVersion } from "./server-version.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The application's long-lived services (tests read the dev mailbox and signer through it). */
    services: ServerServices;
    /** Set `draining` when shutting down: /readyz then answers 503 so load balancers stop sending traffic. */
    lifecycle: Lifecycle;
  }
}

export interface BuildServerOptions {
  /** An open database to use instead of the one the config names; the caller closes it. */
  database?: DatabaseHandle;
  /** Where logs go (tests capture them); standard output by default. */
  logStream?: DestinationStream;
  /** Replacements for third-party adapters (tests). */
  services?: ServiceOverrides;
  /**
   * Migrations and SEED_DEMO_DATA were already done by another process (the cluster primary, see
   * cluster-primary.ts), so this one skips them.
   */
  startupTasksDone?: boolean;
  /** This process is one of WEB_CONCURRENCY cluster workers: its metrics are also served added up by the primary. */
  clusterWorker?: boolean;
}

// A caller's request id is kept (so a trace crosses services) when it is a sane token.
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/**
 * Default admission share: four requests per pool connection. One holds a connection, the others parse,
 * authenticate, serialise or wait briefly for it; more would only queue inside the pool, past the budget.
 */
const ADMISSION_IN_FLIGHT_PER_POOL_CONNECTION = 4;

/**
 * The whole HTTP application, ready to `listen` or to `inject` in tests. It opens the database the
 * config names (embedded PGlite or PostgreSQL), applies migrations, and closes it on `app.close()`.
 */
export async function buildServer(config: Config, options: BuildServerOptions = {}): Promise<FastifyInstance> {
  const database =
    options.database ??
    (await createDatabase({
      url: config.DATABASE_URL,
      dataDir: `${config.DATA_DIR}/pglite`,
      poolMax: config.DATABASE_POOL_MAX,
      poolAcquireTimeoutMs: config.DATABASE_POOL_ACQUIRE_TIMEOUT_MS,
    }));
  try {
    if (!options.startupTasksDone) await database.migrate(migrationsFolder());
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }

  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      // Credentials never reach the log, whatever a request carries.
      redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'],
      // URLs can carry emailed tokens and OAuth codes; the request log records them redacted.
      // Database errors carry their statement's parameters; the log records only their kind (issue 11).
      serializers: { req: serializeRequest, err: serializeErrorForLog },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    // HTTPS served by the process itself when given a certificate; otherwise a proxy terminates TLS.
    ...(config.TLS_CERT_FILE && config.TLS_KEY_FILE
      ? { https: { cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) } }
      : {}),
    // X-Forwarded-* are believed only from these proxies (client IP for rate limits, protocol for cookies).
    trustProxy: config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false,
    requestTimeout: config.REQUEST_TIMEOUT_SECONDS * 1000,
    // genReqId decides; Fastify would otherwise trust any x-request-id as is.
    requestIdHeader: false,
    genReqId: (request) => {
      const header = request.headers["x-request-id"];
      return typeof header === "string" && CALLER_REQUEST_ID.test(header) ? header : `req_${randomUUID()}`;
    },
    routerOptions: { maxParamLength: 200 },
  });

  if (config.SEED_DEMO_DATA && !options.startupTasksDone) {
    const summary = await seedDemoData(database.db);
    app.log.info(
      { created: summary.created.map((resource) => resource.slug), alreadyThere: summary.skipped.length },
      "demo data seeded (SEED_DEMO_DATA)",
    );
  }

  // Only JSON is accepted anywhere; Fastify's default text/plain parser would let other bodies through.
  app.removeContentTypeParser("text/plain");
  await app.register(jsonDepthPlugin);
  app.addHook("onRequest", async (request, reply) => {
    void reply.header("x-request-id", request.id);
  });
  const services = await createServices(config, database, app.log, options.services);
  app.decorate("services", services);
  app.decorate("lifecycle", { draining: false });
  app.addHook("onClose", async () => {
    await services.close();
    if (!options.database) await database.close();
  });
  await app.register(fastifyCookie);
  await app.register(securityHeadersPlugin, { production: config.NODE_ENV === "production" });
  await app.register(corsPlugin, { origins: config.CORS_ORIGINS });
  if (config.HTTPS_REDIRECT) await app.register(httpsRedirectPlugin);
  const metrics = metricsExposure(config);
  await app.register(metricsPlugin, {
    database,
    token: config.METRICS_TOKEN,
    route: metrics !== "loopback",
    clusterWorker: options.clusterWorker ?? false,
  });
  app.log.info(
    { metrics, ...(metrics === "loopback" ? { metricsPort: config.METRICS_PORT } : {}) },
    {
      token: "/metrics is served on the public port and requires METRICS_TOKEN",
      loopback: `/metrics is served only on 127.0.0.1:${config.METRICS_PORT} (production without METRICS_TOKEN)`,
      open: "/metrics is open on the public port (not production); set METRICS_TOKEN to protect it",
    }[metrics],
  );

  // Before the rate limit and everything else that costs: a shed request is answered at once (issue 12).
  await app.register(admissionControlPlugin, {
    maxEventLoopDelayMs: config.SHED_EVENT_LOOP_DELAY_MS,
    retryAfterSeconds: config.SHED_RETRY_AFTER_SECONDS,
    maxInFlight: config.ADMISSION_MAX_IN_FLIGHT ?? ADMISSION_IN_FLIGHT_PER_POOL_CONNECTION * config.DATABASE_POOL_MAX,
    maxQueueMs: config.ADMISSION_MAX_QUEUE_MS,
  });
  await app.register(apiRateLimitPlugin, { perMinute: config.API_RATE_LIMIT_PER_MINUTE, redisUrl: config.REDIS_URL });

  const webAppPresent = await registerWebApp(app, config.WEB_DIST_DIR ?? defaultWebDistDir());
  await app.register(errorHandlerPlugin, {
    retryAfterSeconds: config.SHED_RETRY_AFTER_SECONDS,
    ...(webAppPresent ? { fallback: spaFallback({ production: config.NODE_ENV === "production" }) } : {}),
  });

  const createContext = apiContextFactory(services, config);
  await app.register(healthPlugin, {
    database,
    lifecycle: app.lifecycle,
    queueReady: async () => services.jobsRunning() && (await services.jobs.getQueue(NOTIFICATION_QUEUE)) !== null,
  });
  await app.register(jwksPlugin, { accessTokens: services.accounts.accessTokens });
  await app.register(oauthPlugin, { services, production: config.NODE_ENV === "production" });
  // The procedures as served: output validation as configured (VALIDATE_OUTPUT); the OpenAPI document
  // always comes from the validated contract, so it does not depend on this.
  const router = createAppRouter({ validateOutput: config.VALIDATE_OUTPUT });
  const retryAfterSeconds = config.SHED_RETRY_AFTER_SECONDS;
  await app.register(trpcPlugin, { createContext, router, retryAfterSeconds });
  await app.register(apiReferencePlugin, { publicUrl: config.PUBLIC_URL, version: serverVersion });
  await app.register(bookingCalendarPlugin, {
    createContext,
    router,
    publicUrl: config.PUBLIC_URL,
    calendarLinks: services.calendarLinks,
  });
  // Feeds carry links on PUBLIC_URL whoever fetches them: their UIDs must not change with the address asked.
  await app.register(calendarFeedPlugin, { feeds: services.core.calendarFeeds });
  await app.register(restApiPlugin, {
    createContext,
    router,
    retryAfterSeconds,
    answerCache: services.availabilityCache,
    validateOutput: config.VALIDATE_OUTPUT,
  });
  await app.register(stripeWebhookPlugin, { payments: services.payments });
  await app.register(providerWebhooksPlugin, {
    db: database.db,
    resendWebhookSecret: config.RESEND_WEBHOOK_SECRET,
    twilioAuthToken: config.TWILIO_AUTH_TOKEN,
    publicUrl: config.PUBLIC_URL,
  });
  return app;
}
