import { resources } from "@bookable/db";
import type { AdminCalendarFeedOutput, CalendarFeedOutput } from "@bookable/validators";
import { eq } from "drizzle-orm";
import { AppError } from "../app-error.js";
import type { CalendarFeedDependencies } from "./calendar-feed-dependencies.js";
import { type FeedCalendarInput, renderFeedCalendar } from "./feed-calendar.js";
import { feedEtag } from "./feed-etag.js";
import {
  type CalendarFeedScope,
  deleteFeed,
  FEED_TOKEN_PREFIX,
  feedTokenOf,
  findFeed,
  findFeedHolder,
  replaceFeed,
} from "./feed-tokens.js";
import { type FeedUrls, personalFeedUrls, resourceFeedUrls } from "./feed-urls.js";
import { readFeedBookings } from "./read-feed-bookings.js";

/** A feed ready to answer: its ETag at once, its bytes only when the client does not have them (304 otherwise). */
export interface FeedAnswer {
  etag: string;
  render(): string;
}

/** What a feed URL names: a person's feed, or one resource's under an admin's token. */
export interface FeedRequest {
  token: string;
  resourceId?: string | undefined;
}

/**
 * Private iCalendar feeds (issue 16). A person's feed (scope `personal`) lists the bookings they made. Resource
 * feeds use one token per admin (scope `admin`) with the resource id in the path, rather than a token per
 * resource: access then follows the person, not the resource — a demoted admin's links stop at once (the role
 * is checked on every fetch), one admin's leaked link is revoked without breaking the others', and a new
 * resource needs no token of its own. The personal token never opens a resource feed, so sharing one's own
 * calendar does not share everyone's bookings.
 */
export interface CalendarFeedService {
  mine(userId: string): Promise<CalendarFeedOutput>;
  regenerateMine(userId: string): Promise<CalendarFeedOutput>;
  revokeMine(userId: string): Promise<CalendarFeedOutput>;
  /** The resource's feed under the admin's token (null until they make one); NOT_FOUND for an unknown resource. */
  forResource(adminId: string, resourceId: string): Promise<CalendarFeedOutput>;
  regenerateAdmin(adminId: string): Promise<AdminCalendarFeedOutput>;
  revokeAdmin(adminId: string): Promise<AdminCalendarFeedOutput>;
  /** The feed a token opens, or null for anything that opens nothing (the server answers 404 alike). */
  open(request: FeedRequest): Promise<FeedAnswer | null>;
}

// base64url of 16 bytes is 22 characters; anything far longer is not a token and is not hashed or looked up.
const MAX_TOKEN_LENGTH = 64;
const PERSONAL_FEED_NAME = "Bookable: my bookings";

export function createCalendarFeedService(deps: CalendarFeedDependencies): CalendarFeedService {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const tokenOf = (feed: { id: string }) => feedTokenOf(deps.feedTokens, feed);
  const link = (feed: { createdAt: Date }, urls: FeedUrls) => ({ ...urls, createdAt: feed.createdAt.toISOString() });
  const personal = (feed: { id: string; createdAt: Date } | null): CalendarFeedOutput => ({
    feed: feed ? link(feed, personalFeedUrls(deps.publicUrl, tokenOf(feed))) : null,
  });
  const adminState = (feed: { createdAt: Date } | null): AdminCalendarFeedOutput => ({
    active: feed !== null,
    createdAt: feed?.createdAt.toISOString() ?? null,
  });
  const findResource = async (resourceId: string) => {
    const [resource] = await db
      .select({ name: resources.name, timeZone: resources.timeZone })
      .from(resources)
      .where(eq(resources.id, resourceId));
    return resource ?? null;
  };
  const replace = (userId: string, scope: CalendarFeedScope) => replaceFeed(db, deps.feedTokens, userId, scope);

  return {
    mine: async (userId) => personal(await findFeed(db, userId, "personal")),
    regenerateMine: async (userId) => personal(await replace(userId, "personal")),
    async revokeMine(userId) {
      await deleteFeed(db, userId, "personal");
      return { feed: null };
    },
    async forResource(adminId, resourceId) {
      if (!(await findResource(resourceId))) throw new AppError("NOT_FOUND", "No such resource");
      const feed = await findFeed(db, adminId, "admin");
      return { feed: feed ? link(feed, resourceFeedUrls(deps.publicUrl, tokenOf(feed), resourceId)) : null };
    },
    regenerateAdmin: async (adminId) => adminState(await replace(adminId, "admin")),
    async revokeAdmin(adminId) {
      await deleteFeed(db, adminId, "admin");
      return adminState(null);
    },
    async open({ token, resourceId }) {
      if (!token.startsWith(FEED_TOKEN_PREFIX) || token.length > MAX_TOKEN_LENGTH) return null;
      const holder = await findFeedHolder(db, token);
      if (!holder) return null;
      let input: FeedCalendarInput;
      if (resourceId === undefined) {
        if (holder.scope !== "personal") return null;
        const bookings = await readFeedBookings(db, { userId: holder.userId }, now());
        input = { name: PERSONAL_FEED_NAME, timeZone: null, productUrl: deps.productUrl, audience: "booker", bookings };
      } else {
        if (holder.scope !== "admin" || holder.role !== "admin") return null;
        const resource = await findResource(resourceId);
        if (!resource) return null;
        const bookings = await readFeedBookings(db, { resourceId }, now());
        input = {
          name: `Bookable: ${resource.name}`,
          timeZone: resource.timeZone,
          productUrl: deps.productUrl,
          audience: "admin",
          bookings,
        };
      }
      return { etag: feedEtag(input), render: () => renderFeedCalendar(input) };
    },
  };
}
