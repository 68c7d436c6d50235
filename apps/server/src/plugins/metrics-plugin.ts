import { bookings, type DatabaseHandle, notifications } from "@bookable/db";
import { count, inArray } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fastifyPlugin from "fastify-plugin";
import { AggregatorRegistry, Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { decodedRequestPath } from "./request-path.js";
import { createShedSummary } from "./shed-summary.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The Prometheus exposition (for the loopback metrics listener), and the count of shed requests. */
    metrics: { contentType: string; render(): Promise<string>; countShed(reason: ShedReason): void };
  }
}

/** Why a request got no work: event-loop delay, no pool connection in time, or its client left. */
export type ShedReason = "admission" | "event_loop_delay" | "database_pool" | "client_disconnected";
const SHED_REASONS: readonly ShedReason[] = ["admission", "event_loop_delay", "database_pool", "client_disconnected"];

// How often the requests shed for load are summed up in the log (see shed-summary.ts).
const SHED_SUMMARY_INTERVAL_MS = 10_000;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const DATE = /\d{4}-\d{2}-\d{2}/g;
const BOOKING_CREATION = /^\/(api\/v1\/bookings|trpc\/bookings\.create)(\?|$)/;

/**
 * Prometheus metrics at `/metrics` (prom-client, one registry per server): request durations by route and
 * status, the node-postgres pool's connections, the notification queue's depth, bookings by status and
 * booking attempts by outcome, requests shed by reason, and Node's own process metrics. With METRICS_TOKEN set, `/metrics` needs
 * `Authorization: Bearer <token>`. With `route: false` (production without a token) `/metrics` is not served
 * here at all; `startMetricsListener` serves `app.metrics` on a loopback-only port instead.
 */
export const metricsPlugin = fastifyPlugin(
  async (
    app: FastifyInstance,
    options: {
      database: DatabaseHandle;
      token: string | undefined;
      route: boolean;
      /** A cluster worker: answer the primary's requests for this registry, which it adds up over workers. */
      clusterWorker?: boolean;
    },
  ) => {
    let registry = new Registry();
    if (options.clusterWorker) {
      // An AggregatorRegistry is what installs prom-client's IPC handler in a worker; it then answers with
      // the registries named here (the global one otherwise).
      registry = new AggregatorRegistry();
      AggregatorRegistry.setRegistries(registry);
    }
    collectDefaultMetrics({ register: registry, prefix: "bookable_" });
    const db = options.database.db;

    const durations = new Histogram({
      name: "bookable_http_request_duration_seconds",
      help: "Time to answer HTTP requests, by method, route and status code",
      labelNames: ["method", "route", "status_code"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    const bookingAttempts = new Counter({
      name: "bookable_booking_attempts_total",
      help: "Booking requests by outcome: created, slot_taken, refused (other 4xx), failed (5xx)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    });
    const shedRequests = new Counter({
      name: "bookable_requests_shed_total",
      help: "Requests given no work, by reason: event_loop_delay and database_pool (answered 503 with Retry-After), client_disconnected (not answered)",
      labelNames: ["reason"] as const,
      registers: [registry],
    });
    for (const reason of SHED_REASONS) shedRequests.inc({ reason }, 0);
    new Gauge({
      name: "bookable_bookings",
      help: "Bookings by status",
      labelNames: ["status"] as const,
      registers: [registry],
      // Every worker reads the same table: summed over a cluster's workers it would count each booking N times.
      aggregator: "first",
      async collect() {
        const rows = await db.select({ status: bookings.status, n: count() }).from(bookings).groupBy(bookings.status);
        this.reset();
        for (const row of rows) this.set({ status: row.status }, row.n);
      },
    });
    new Gauge({
      name: "bookable_notifications_outstanding",
      help: "Messages not delivered yet (the notification queue's depth), by status",
      labelNames: ["status"] as const,
      registers: [registry],
      aggregator: "first",
      async collect() {
        const rows = await db
          .select({ status: notifications.status, n: count() })
          .from(notifications)
          .where(inArray(notifications.status, ["queued", "sending", "retrying"]))
          .groupBy(notifications.status);
        this.reset();
        for (const status of ["queued", "sending", "retrying"])
          this.set({ status }, rows.find((row) => row.status === status)?.n ?? 0);
      },
    });
    app.services.notificationMetrics.register(registry, app.services.jobs);
    new Counter({
      name: "bookable_availability_cache_total",
      help: "Cached answers (issue 12) by kind and how they were found: hit; computed because missing (miss), out of date (stale) or timed out (expired); joined to a computation under way; uncached (cache off or unknown resource)",
      labelNames: ["kind", "result"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const { kind, result, count } of app.services.availabilityCache.results()) this.inc({ kind, result }, count);
      },
    });
    new Gauge({
      name: "bookable_availability_cache_bytes",
      help: "Bytes of finished answers the cache holds (JSON, the parsed value, compressed forms), bounded by AVAILABILITY_CACHE_MB",
      registers: [registry],
      collect() {
        this.set(app.services.availabilityCache.size().bytes);
      },
    });
    new Gauge({
      name: "bookable_availability_cache_entries",
      help: "Finished answers the cache holds",
      registers: [registry],
      collect() {
        this.set(app.services.availabilityCache.size().entries);
      },
    });
    const poolStats = options.database.poolStats;
    if (poolStats) {
      new Gauge({
        name: "bookable_db_pool_connections",
        help: "node-postgres pool connections: total, idle, and requests waiting for one",
        labelNames: ["state"] as const,
        registers: [registry],
        collect() {
          const stats = poolStats();
          this.set({ state: "total" }, stats.total);
          this.set({ state: "idle" }, stats.idle);
          this.set({ state: "waiting" }, stats.waiting);
        },
      });
    }

    // The REST adapter rewrites the request's URL to the part after its prefix; the path is kept as it came,
    // decoded as Fastify routes it, so `/%74rpc/...` is labelled and counted like `/trpc/...` and encodings
    // cannot mint new label values (issue 11).
    const pathOf = new WeakMap<FastifyRequest, string>();
    app.addHook("onRequest", async (request) => {
      pathOf.set(request, decodedRequestPath(request.url) ?? request.url);
    });
    app.addHook("onResponse", async (request, reply) => {
      const path = pathOf.get(request) ?? "";
      durations.observe(
        {
          method: request.method,
          route: reply.statusCode === 404 ? "not_found" : routeLabel(request, path),
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
      if (request.method === "POST" && BOOKING_CREATION.test(path)) {
        const status = reply.statusCode;
        bookingAttempts.inc({
          outcome: status < 300 ? "created" : status === 409 ? "slot_taken" : status < 500 ? "refused" : "failed",
        });
      }
    });

    const shedSummary = createShedSummary(app.log, SHED_SUMMARY_INTERVAL_MS);
    app.addHook("onClose", async () => shedSummary.stop());
    app.decorate("metrics", {
      contentType: registry.contentType,
      render: () => registry.metrics(),
      countShed: (reason: ShedReason) => {
        shedRequests.inc({ reason });
        shedSummary.count(reason);
      },
    });
    if (!options.route) return;
    app.get("/metrics", { logLevel: "warn" }, async (request, reply) => {
      if (options.token && request.headers.authorization !== `Bearer ${options.token}`) {
        return reply.code(401).header("www-authenticate", 'Bearer realm="metrics"').send({ error: "unauthorized" });
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
);

/** A bounded label: the route's pattern, with tRPC procedures named and ids in REST paths replaced. */
function routeLabel(request: FastifyRequest, path: string): string {
  const pattern = request.routeOptions.url;
  if (!pattern) return "unmatched";
  if (pattern.startsWith("/trpc/") && path.startsWith("/trpc/"))
    return `/trpc/${path.slice("/trpc/".length).split(",").slice(0, 3).join(",")}`;
  // A route of its own with parameters (a calendar feed's token, issue 16) is labelled by its pattern: the path
  // would put the secret in /metrics. The REST adapter's catch-all is labelled by its path.
  if (pattern.includes("/:")) return pattern;
  if (pattern.startsWith("/api/v1/") && path.startsWith("/api/v1/")) return path.replace(UUID, ":id").replace(DATE, ":date");
  return pattern;
}
