import { z } from "zod";

// What a cursor names: the last row's sort instant and id (see core's encodePageCursor).
const cursorFields = z.tuple([z.iso.datetime(), z.uuid()]);

/**
 * The (instant, id) an opaque page cursor names, or undefined when the text is not a cursor this API made.
 * Browser-safe (Zod's base64url decoder, not Buffer): the web app shares these contracts.
 */
export function parsePageCursor(cursor: string): { at: Date; id: string } | undefined {
  let decoded: string;
  try {
    // A cursor is ASCII (an ISO instant, "|", a UUID); anything else fails the field checks below.
    decoded = String.fromCharCode(...z.util.base64urlToUint8Array(cursor));
  } catch {
    return undefined;
  }
  const fields = cursorFields.safeParse(decoded.split("|"));
  if (!fields.success) return undefined;
  const [iso, id] = fields.data;
  return { at: new Date(iso), id };
}

/** The `cursor` input of every paginated list: anything but a `nextCursor` of this API is a 400 naming `cursor`. */
export const pageCursor = z
  .string()
  .max(200, { error: "Not a cursor from this API", abort: true })
  .check(z.base64url({ error: "Not a cursor from this API", abort: true }))
  .refine((cursor) => parsePageCursor(cursor) !== undefined, { error: "Not a cursor from this API" })
  .meta({ description: "`nextCursor` of the previous page; anything else is refused with 400 VALIDATION_FAILED." });
