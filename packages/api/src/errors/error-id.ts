import { randomUUID } from "node:crypto";

// Keyed by the error object so the log line (written in onError) and the response (built by the
// error formatter) carry the same id however often either asks.
const ids = new WeakMap<object, string>();

/** The unique id of this error, made on first use: `err_` and 32 hex digits. */
export function errorIdOf(error: object): string {
  let id = ids.get(error);
  if (!id) {
    id = `err_${randomUUID().replaceAll("-", "")}`;
    ids.set(error, id);
  }
  return id;
}
