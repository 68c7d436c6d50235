import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fastifyPlugin from "fastify-plugin";
import { Redis } from "ioredis";
import { decodedRequestPath } from "./request-path.js";

// Matched against the route Fastify chose (its pattern), never the raw URL: Fastify routes the decoded
// path, so `/%74rpc/...` reaches /trpc while a raw-URL test would not see it (issue 11).
const LIMITED_ROUTES = /^\/(api|trpc)(\/|$)/;

/**
 * The general API rate limit, beside the stricter sign-in limits: API_RATE_LIMIT_PER_MINUTE requests per
 * client IP and minute on /api and /trpc. With REDIS_URL the count is shared by every instance; if Redis
 * does not answer, requests are let through rather than refused (the limit protects, it must not take the
 * API down). A refusal is 429 RATE_LIMITED with Retry-After, in the one error shape.
 */
export const apiRateLimitPlugin = fastifyPlugin(
  async (app: FastifyInstance, options: { perMinute: number; redisUrl: string | undefined }) => {
    const redis = options.redisUrl
      ? new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 })
      : undefined;
    redis?.on("error", () => {});
    await app.register(rateLimit, {
      global: true,
      max: options.perMinute,
      timeWindow: 60_000,
      ...(redis ? { redis, nameSpace: "bookable:api-ip:", skipOnError: true } : {}),
      allowList: (request) => !isLimited(request),
      errorResponseBuilder: (_request, context) => {
        const error = new Error(`Too many requests; try again in ${Math.ceil(context.ttl / 1000)} seconds`) as Error & {
          statusCode: number;
        };
        error.statusCode = 429;
        return error;
      },
    });
    app.addHook("onClose", async () => {
      redis?.disconnect();
    });
  },
);

/** Whether the general limit applies: the matched route's pattern, or for an unmatched request its decoded path. */
function isLimited(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route !== undefined) return LIMITED_ROUTES.test(route);
  const path = decodedRequestPath(request.url);
  // Not decodable: Fastify answers it 400 anyway; count it.
  return path === null || LIMITED_ROUTES.test(path);
}
