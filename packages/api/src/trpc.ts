// The one tRPC init file: context type → init (meta for the REST adapter, error formatter) →
// procedure tiers. Routers import only from here.
import type { LimitedAction } from "@bookable/auth";
import { AppError } from "@bookable/core/app-error";
import { initTRPC } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { ApiContext } from "./context.js";
import { describeError } from "./errors/describe-error.js";
import { toTrpcError } from "./errors/to-trpc-error.js";
import { unauthenticatedError } from "./errors/unauthenticated-error.js";
import { honourIdempotencyKey } from "./idempotency/honour-idempotency-key.js";

export interface ApiMeta extends OpenApiMeta {
  /** HTTP status of a successful REST call, when not 200 (201 for creations). */
  successStatus?: 200 | 201 | 202 | 204;
  /**
   * A mutation that never changes a user, a session or an API key (booking, cancelling): its caller's
   * cached credentials are kept, so the next request of a booker is still answered from memory. Leave it
   * unset when in doubt: forgetting costs one database read.
   */
  credentialsUntouched?: true;
  /**
   * The REST operation's examples, when the one made from the schemas' field examples is not telling enough
   * (openapi-document.ts makes one for every request body and success response otherwise).
   */
  examples?: { request?: unknown; response?: unknown };
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
          retryAfterSeconds: described.retryAfterSeconds,
          overloaded: described.overloaded,
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

// A page on another site can make a browser send our cookie along (CSRF); such mutations are refused.
// Bearer credentials are never attached by a browser on its own, so they are exempt.
const refuseCrossSiteMutations = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.client.crossSite && ctx.authMethod !== "bearer") {
    throw new AppError("FORBIDDEN", "Cross-site request refused: the Origin is not this application's");
  }
  return next();
});

// Issue 12: verified credentials are cached for a few seconds (SessionCache). A mutation may have changed
// credentials (sign-out, a revoked session or key, a reset password, a verified email); whatever it did, the
// caller's cached credentials are forgotten once it is over, so this instance sees the change at once, even
// when it failed after revoking (a reused refresh token). A mutation without a caller (password reset, token
// grants, sign-in) may concern anyone: it forgets everything. Other instances learn it from the database's
// notification at commit (migration 0007). Queries never change credentials, nor do mutations marked
// `credentialsUntouched` (bookings).
const forgetChangedCredentials = t.middleware(async ({ ctx, type, meta, next }) => {
  try {
    return await next();
  } finally {
    if (type === "mutation" && !meta?.credentialsUntouched) {
      ctx.services.accounts.forgetCachedCredentials(ctx.user?.id ?? null);
    }
  }
});

/** Anyone may call it. */
export const publicProcedure = t.procedure.use(forgetChangedCredentials).use(mapAppErrors).use(refuseCrossSiteMutations);

/** Counts one attempt per client IP for the action (sign-in, registration, tokens, reset). */
export const rateLimited = (action: LimitedAction) =>
  t.middleware(async ({ ctx, next }) => {
    const decision = await ctx.services.accounts.consumeIpAttempt(action, ctx.client.ip);
    if (!decision.allowed) {
      throw new AppError("RATE_LIMITED", "Too many attempts; try again later", { retryAfterSeconds: decision.retryAfterSeconds });
    }
    return next();
  });

// Issue 16, decision 032: every mutation of a signed-in caller honours an Idempotency-Key, whoever wrote the
// procedure: the key is the caller's, the procedure's path and raw input are the request it stands for. Calls
// without a caller (registration, sign-in, token grants, password reset) ignore the header: they have no one
// to scope a key to, and replaying their credentials is what decision 018 forbids.
const honourIdempotencyKeys = t.middleware(async ({ ctx, type, path, getRawInput, next }) => {
  if (type !== "mutation" || !ctx.user) return next();
  return honourIdempotencyKey({
    services: ctx.services,
    callerId: ctx.user.id,
    rawKey: ctx.idempotencyKey,
    path,
    rawInput: await getRawInput(),
    next: () => next(),
  });
});

/** Only a signed-in caller; `ctx.user` is non-null inside. Its mutations honour an Idempotency-Key. */
export const protectedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    if (!ctx.user) {
      throw unauthenticatedError(ctx.credentialRejected);
    }
    return next({ ctx: { ...ctx, user: ctx.user } });
  })
  .use(honourIdempotencyKeys);

/** A signed-in caller with a session (browser or token), for procedures about that session. */
export const sessionProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.sessionId) throw new AppError("FORBIDDEN", "This needs a signed-in session, not an API key");
  return next({ ctx: { ...ctx, sessionId: ctx.sessionId } });
});

/** Only an admin. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new AppError("FORBIDDEN", "Only an admin may do this");
  return next();
});
