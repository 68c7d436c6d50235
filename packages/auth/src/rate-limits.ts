import { Redis } from "ioredis";
import { type IRateLimiterOptions, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/** The endpoints limited per client IP: everything a password guesser or a spammer would hammer. */
export type LimitedAction = "sign-in" | "register" | "token" | "password-reset" | "verification-email";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface AuthRateLimits {
  /** Counts one attempt of `action` from `ip`. */
  consumeIp(action: LimitedAction, ip: string): Promise<RateDecision>;
  /**
   * Counts one sign-in attempt for the account, from whatever IP, before its password is checked; refused
   * once the account has used up its failures. Counting first (one atomic increment) is what stops
   * parallel guesses from all passing a check made before any of them failed.
   */
  consumeSignInAttempt(email: string): Promise<RateDecision>;
  /** After a successful sign-in: the account's earlier failures (and this attempt) are forgotten. */
  clearFailedSignIns(email: string): Promise<void>;
  close(): Promise<void>;
}

export interface AuthRateLimitOptions {
  perIpPerMinute: number;
  failedSignInsPerAccount: number;
  failedSignInWindowSeconds: number;
  /** Shares the counters between instances; in-process memory otherwise. */
  redisUrl?: string | undefined;
}

/**
 * Rate limits for authentication (rate-limiter-flexible). With Redis, every instance counts in the same
 * place; if Redis becomes unreachable, each instance falls back to counting in memory rather than either
 * locking everyone out or letting everyone through.
 */
export function createAuthRateLimits(options: AuthRateLimitOptions): AuthRateLimits {
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : undefined;
  // An unreachable Redis must not crash the process; the insurance limiter takes over.
  redis?.on("error", () => {});
  const limiter = (settings: IRateLimiterOptions) => {
    const memory = new RateLimiterMemory(settings);
    return redis ? new RateLimiterRedis({ ...settings, storeClient: redis, insuranceLimiter: memory }) : memory;
  };
  const perIp = limiter({ keyPrefix: "bookable:auth-ip", points: options.perIpPerMinute, duration: 60 });
  const perAccount = limiter({
    keyPrefix: "bookable:auth-account",
    points: options.failedSignInsPerAccount,
    duration: options.failedSignInWindowSeconds,
  });

  return {
    async consumeIp(action, ip) {
      try {
        await perIp.consume(`${action}:${ip}`);
        return { allowed: true };
      } catch (error) {
        return refusal(error);
      }
    },
    async consumeSignInAttempt(email) {
      try {
        await perAccount.consume(email.toLowerCase());
        return { allowed: true };
      } catch (error) {
        return refusal(error);
      }
    },
    async clearFailedSignIns(email) {
      await perAccount.delete(email.toLowerCase());
    },
    async close() {
      redis?.disconnect();
    },
  };
}

function refusal(error: unknown): RateDecision {
  if (error instanceof RateLimiterRes)
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
  throw error;
}
