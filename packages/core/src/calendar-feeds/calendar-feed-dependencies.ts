import type { LinkSigner } from "@bookable/auth";
import type { Database } from "@bookable/db";

export interface CalendarFeedDependencies {
  db: Database;
  /** Derives feed tokens from feed ids (create-services.ts: a purpose of its own, from the notification key). */
  feedTokens: LinkSigner;
  /** Where the links shown to people point (the request's public URL, as for every link). */
  publicUrl: string;
  /** PUBLIC_URL: the host of every UID and the origin of booking links in the feeds, whoever asks from where. */
  productUrl: string;
  now?: () => Date;
}
