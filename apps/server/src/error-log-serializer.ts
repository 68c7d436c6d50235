import { DrizzleQueryError } from "drizzle-orm";

/** What the log records of a database error: never its message, parameters or query text (issue 11). */
interface DatabaseErrorFields {
  type: string;
  /** Made here from the fields below: the error's own message holds the statement and its values. */
  message: string;
  stack: string;
  /** The PostgreSQL SQLSTATE, e.g. 23505 (unique violation), 22021 (NUL in text). */
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** The statement's first keyword (insert, select, ...) and the table it names first. */
  statement?: string;
  cause?: unknown;
}

/** An error as a log line holds it (the shape pino's `err` serializer returns). */
export interface LoggedError {
  type: string;
  message: string;
  stack: string;
  [field: string]: unknown;
}

const MAX_CAUSES = 5;

/**
 * The `err` serializer of every logger. A database error carries the whole statement with its parameters
 * (names, emails, phone numbers, notes, key hashes) in `message`, `query`, `params` and `detail`; for those
 * only the class, SQLSTATE, constraint, table and the statement's kind are logged. Other errors are logged
 * with type, message, stack and their plain fields, each cause in the chain serialized the same way (pino's
 * own serializer would copy every cause's message and stack into the top one, database errors included).
 */
export function serializeErrorForLog(error: Error, depth = 0): LoggedError {
  if (isDatabaseError(error)) return { ...databaseErrorFields(error, depth) };
  const serialized: LoggedError = { type: error.constructor.name, message: error.message, stack: error.stack ?? "" };
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) serialized[key] = value;
  }
  if (error.cause !== undefined) {
    serialized.cause = depth < MAX_CAUSES ? serializeCause(error.cause, depth + 1) : "[cause chain too long]";
  }
  return serialized;
}

function databaseErrorFields(error: Error, depth: number): DatabaseErrorFields {
  // The first line of a stack is the message; the frames are safe and say where it failed.
  const frames = (error.stack ?? "").split("\n").filter((line) => line.startsWith("    at "));
  const fields: DatabaseErrorFields = { type: error.constructor.name, message: "", stack: frames.join("\n") };
  const record = error as Error & Record<string, unknown>;
  for (const key of ["code", "constraint", "table", "column"] as const) {
    const value = record[key];
    if (typeof value === "string" && value.length > 0) fields[key] = value;
  }
  if (error instanceof DrizzleQueryError) fields.statement = statementOf(error.query);
  fields.message = [`${fields.type} (details withheld from the log)`, fields.statement, fields.code, fields.constraint]
    .filter(Boolean)
    .join(" ");
  if (error.cause !== undefined && depth < MAX_CAUSES) fields.cause = serializeCause(error.cause, depth + 1);
  return fields;
}

/** `insert into "bookings"` -> `insert bookings`: the statement's kind and first table, no values. */
function statementOf(query: string): string {
  const match = /^\s*(\w+)\b(?:[\s\S]*?\b(?:into|from|update)\s+"?([\w.]+)"?)?/i.exec(query);
  if (!match?.[1]) return "unknown";
  const keyword = match[1].toLowerCase();
  return match[2] ? `${keyword} ${match[2]}` : keyword;
}

/** Drizzle's wrapper, or a PostgreSQL server error as node-postgres and PGlite raise it (SQLSTATE + severity). */
function isDatabaseError(error: Error): boolean {
  if (error instanceof DrizzleQueryError) return true;
  const record = error as Error & Record<string, unknown>;
  return (
    (typeof record.query === "string" && "params" in record) ||
    (typeof record.code === "string" && /^[0-9A-Z]{5}$/.test(record.code) && typeof record.severity === "string")
  );
}

function serializeCause(cause: unknown, depth: number): unknown {
  return cause instanceof Error ? serializeErrorForLog(cause, depth) : cause;
}
