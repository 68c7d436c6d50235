import { parsePageCursor } from "@bookable/validators";
import { AppError } from "../app-error.js";

/**
 * Keyset pagination: the cursor names the last row of a page by its sort instant and id, opaque to
 * clients (base64url), so the next page starts right after it however rows are inserted meanwhile.
 */
export function encodePageCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

/**
 * The (instant, id) a cursor names. The contracts refuse other cursors already; this is the second line,
 * so a cursor that is not ours never reaches SQL (a non-UUID id there was a 500, issue 11).
 */
export function decodePageCursor(cursor: string): { at: Date; id: string } {
  const decoded = parsePageCursor(cursor);
  if (!decoded) {
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid", {
      issues: [{ path: "cursor", message: "Not a cursor from this API" }],
    });
  }
  return decoded;
}
