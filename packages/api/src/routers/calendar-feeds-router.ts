import { adminCalendarFeedOutput, calendarFeedOutput, resourceIdInput } from "@bookable/validators";
import { z } from "zod";
import { adminProcedure, protectedProcedure, router } from "../trpc.js";

const signInError = { 401: "No valid credential." };
const adminErrors = { ...signInError, 403: "The caller is not an admin." };
const subscribe =
  "Subscribe to `webcalUrl` (or paste `url` into the calendar app); the feed answers `text/calendar` with an `ETag`, and `If-None-Match` gets 304. See docs/calendar-feeds.md.";

/**
 * Private iCalendar feeds (issue 16): a person's own, and each resource's for admins. The feeds themselves are
 * served outside tRPC (text/calendar, apps/server calendar-feed-plugin.ts); these manage their links.
 */
export const calendarFeedsRouter = router({
  get: protectedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/calendar-feed",
        tags: ["calendar feeds"],
        summary: "My calendar feed link",
        description: `The address of the caller's private feed of their bookings, or \`feed: null\` before one is made. ${subscribe}`,
        errorResponses: signInError,
      },
    })
    .input(z.void())
    .output(calendarFeedOutput)
    .query(({ ctx }) => ctx.services.calendarFeeds.mine(ctx.user.id)),

  regenerate: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/me/calendar-feed",
        tags: ["calendar feeds"],
        summary: "Make a new calendar feed link",
        description: `Makes the caller's feed link, replacing any earlier one: the old link answers 404 from now on, so calendars subscribed to it must subscribe again. ${subscribe}`,
        errorResponses: signInError,
      },
      credentialsUntouched: true,
    })
    .input(z.void())
    .output(calendarFeedOutput)
    .mutation(({ ctx }) => ctx.services.calendarFeeds.regenerateMine(ctx.user.id)),

  revoke: protectedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/me/calendar-feed",
        tags: ["calendar feeds"],
        summary: "Turn off my calendar feed",
        description: "The link answers 404 from now on. Revoking when there is no link is not an error.",
        errorResponses: signInError,
      },
      credentialsUntouched: true,
    })
    .input(z.void())
    .output(calendarFeedOutput)
    .mutation(({ ctx }) => ctx.services.calendarFeeds.revokeMine(ctx.user.id)),

  getForResource: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/resources/{id}/calendar-feed",
        tags: ["calendar feeds"],
        summary: "A resource's calendar feed link (admin)",
        description: `The feed of every booking of the resource, under the calling admin's own feed token (\`POST /admin/calendar-feed\` makes it; \`feed: null\` until then). It stops opening when the token is revoked or the caller is no longer an admin. ${subscribe}`,
        errorResponses: { ...adminErrors, 404: "No such resource." },
      },
    })
    .input(resourceIdInput)
    .output(calendarFeedOutput)
    .query(({ ctx, input }) => ctx.services.calendarFeeds.forResource(ctx.user.id, input.id)),

  regenerateForResources: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/calendar-feed",
        tags: ["calendar feeds"],
        summary: "Make a new resource feed token (admin)",
        description:
          "Makes the calling admin's token for resource feeds, replacing any earlier one: every resource feed link of this admin changes, and the old ones answer 404. Read the links with `GET /resources/{id}/calendar-feed`.",
        errorResponses: adminErrors,
      },
      credentialsUntouched: true,
    })
    .input(z.void())
    .output(adminCalendarFeedOutput)
    .mutation(({ ctx }) => ctx.services.calendarFeeds.regenerateAdmin(ctx.user.id)),

  revokeForResources: adminProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/admin/calendar-feed",
        tags: ["calendar feeds"],
        summary: "Turn off my resource feeds (admin)",
        description: "Every resource feed link of the calling admin answers 404 from now on. Other admins' links keep working.",
        errorResponses: adminErrors,
      },
      credentialsUntouched: true,
    })
    .input(z.void())
    .output(adminCalendarFeedOutput)
    .mutation(({ ctx }) => ctx.services.calendarFeeds.revokeAdmin(ctx.user.id)),
});
