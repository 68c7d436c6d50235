import { createHash } from "node:crypto";
import type { FeedCalendarInput } from "./feed-calendar.js";

/** Bumped when the feed's format changes, so clients holding an old ETag get the new bytes. */
const FEED_FORMAT = 1;

/**
 * A strong ETag (RFC 9110 §8.8.3) of the feed, from the data its bytes are made of rather than the bytes: the
 * rows are read either way, but a 304 then skips writing the calendar. Strong is right because rendering is
 * deterministic: equal inputs give byte-identical bodies.
 */
export function feedEtag(input: FeedCalendarInput): string {
  const digest = createHash("sha256")
    .update(JSON.stringify({ format: FEED_FORMAT, ...input }))
    .digest("base64url");
  return `"${digest.slice(0, 32)}"`;
}
