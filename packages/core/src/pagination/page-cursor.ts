import { AppError } from "../app-error.js";

/**
 * Keyset pagination: the cursor names the last row of a page by its sort instant and id, opaque to
 * clients (base64url), so the next page starts right after it however rows are inserted meanwhile.
 */
export function encodePageCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

/** The (instant, id) a cursor names; anything not made by `encodePageCursor` is a BAD_REQUEST on `cursor`. */
export function decodePageCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime())) {
    throw new AppError("BAD_REQUEST", "The cursor is not valid", {
      issues: [{ path: "cursor", message: "Not a cursor from this API" }],
    });
  }
  return { at, id };
}
