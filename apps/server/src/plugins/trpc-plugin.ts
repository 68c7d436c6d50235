import { type AppRouter, describeError } from "@bookable/api";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import type { FastifyInstance } from "fastify";
import type { CreateApiContext } from "../create-api-context.js";
import { logError } from "./log-error.js";

/** The typed RPC endpoint the web app uses, at /trpc. */
export async function trpcPlugin(
  app: FastifyInstance,
  options: {
    createContext: CreateApiContext;
    router: AppRouter;
    /** Retry-After of an overloaded answer. */
    retryAfterSeconds: number;
  },
) {
  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>["trpcOptions"] = {
    router: options.router,
    createContext: ({ req, res }) => options.createContext(req, res),
    onError: ({ error, req }) => {
      const described = describeError(error);
      if (described.overloaded) app.metrics.countShed("database_pool");
      logError(req.log, described, error.cause ?? error);
    },
    responseMeta: ({ errors }) => {
      const retryAfter = errors
        .map((error) => describeError(error))
        .map((described) => described.retryAfterSeconds ?? (described.overloaded ? options.retryAfterSeconds : undefined))
        .find((seconds) => seconds !== undefined);
      return retryAfter === undefined ? {} : { headers: { "retry-after": String(retryAfter) } };
    },
  };
  await app.register(fastifyTRPCPlugin, { prefix: "/trpc", trpcOptions });
}
