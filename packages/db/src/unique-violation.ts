const UNIQUE_VIOLATION = "23505";
const EXCLUSION_VIOLATION = "23P01";

interface PostgresErrorLike {
  code?: unknown;
  constraint?: unknown;
  cause?: unknown;
}

/**
 * The name of the unique constraint (or index) an insert or update broke, or undefined when the
 * error is something else. Drizzle wraps driver errors, so the chain of causes is searched; both
 * node-postgres and PGlite report `code` and `constraint` as PostgreSQL does.
 */
export function uniqueViolationConstraint(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as PostgresErrorLike;
    if (candidate.code === UNIQUE_VIOLATION) {
      return typeof candidate.constraint === "string" ? candidate.constraint : "";
    }
    current = candidate.cause;
  }
  return undefined;
}

/** Whether the error (or one of its causes) is an exclusion-constraint violation, e.g. a seat already taken. */
export function isExclusionViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if ((current as PostgresErrorLike).code === EXCLUSION_VIOLATION) return true;
    current = (current as PostgresErrorLike).cause;
  }
  return false;
}

const RETRYABLE = new Set(["40P01", "40001"]);

/**
 * Whether a transaction failed only because of a concurrent one: a deadlock (which two simultaneous
 * inserts into an exclusion constraint can produce) or a serialization failure. Retrying is the fix.
 */
export function isRetryableTransactionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as PostgresErrorLike).code;
    if (typeof code === "string" && RETRYABLE.has(code)) return true;
    current = (current as PostgresErrorLike).cause;
  }
  return false;
}
