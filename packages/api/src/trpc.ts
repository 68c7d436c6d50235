// The one tRPC init file: context type → init (meta for the REST adapter, error formatter) →
// procedure tiers. Routers import only from here.
import { AppError } from "@bookable/core";
import { initTRPC } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { ApiContext } from "./context.js";
import { describeError } from "./errors/describe-error.js";
import { toTrpcError } from "./errors/to-trpc-error.js";

export interface ApiMeta extends OpenApiMeta {
  /** HTTP status of a successful REST call, when not 200 (201 for creations). */
  successStatus?: 200 | 201 | 202 | 204;
}

const t = initTRPC
  .context<ApiContext>()
  .meta<ApiMeta>()
  .create({
    // Stack traces are never sent, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error }) {
      const described = describeError(error);
      return {
        ...shape,
        message: described.message,
        data: {
          code: described.code,
          httpStatus: described.httpStatus,
          errorId: described.errorId,
          issues: described.issues,
          path: shape.data.path,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTrpcError(result.error.cause);
  return result;
});

/** Anyone may call it. */
export const publicProcedure = t.procedure.use(mapAppErrors);

/** Only a signed-in caller; `ctx.user` is non-null inside. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHENTICATED", "Sign in to do this");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Only an admin. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new AppError("FORBIDDEN", "Only an admin may do this");
  return next();
});
