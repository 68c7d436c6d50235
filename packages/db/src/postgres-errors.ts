interface PostgresErrorLike {
  code?: unknown;
  constraint?: unknown;
  cause?: unknown;
}

/**
 * The PostgreSQL error behind an error, if any. Drizzle wraps driver errors, so the chain of causes is
 * searched; both node-postgres and PGlite report `code` and `constraint` as PostgreSQL does.
 */
function postgresErrorOf(error: unknown, codes: ReadonlySet<string>): PostgresErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as PostgresErrorLike;
    if (typeof candidate.code === "string" && codes.has(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

const UNIQUE_VIOLATION = new Set(["23505"]);
const EXCLUSION_VIOLATION = new Set(["23P01"]);
// A deadlock (which two simultaneous inserts into an exclusion constraint can produce) or a
// serialization failure: the transaction failed only because of a concurrent one, and retrying is the fix.
const RETRYABLE = new Set(["40P01", "40001"]);

/** The name of the unique constraint (or index) an insert or update broke, or undefined for any other error. */
export function uniqueViolationConstraint(error: unknown): string | undefined {
  const violation = postgresErrorOf(error, UNIQUE_VIOLATION);
  if (!violation) return undefined;
  return typeof violation.constraint === "string" ? violation.constraint : "";
}

/** Whether the error (or one of its causes) is an exclusion-constraint violation, e.g. a seat already taken. */
export function isExclusionViolation(error: unknown): boolean {
  return postgresErrorOf(error, EXCLUSION_VIOLATION) !== undefined;
}

/** Whether a transaction failed only because of a concurrent one (deadlock, serialization failure). */
export function isRetryableTransactionError(error: unknown): boolean {
  return postgresErrorOf(error, RETRYABLE) !== undefined;
}
