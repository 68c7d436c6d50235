import { describeAppError, errorIdOf } from "@bookable/api";
import { AppError, type CalendarFeedService, FEEDS_PATH, type FeedRequest } from "@bookable/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { matchesEtag } from "./cached-answer-route.js";
import { logError } from "./log-error.js";
import { sendError } from "./send-error.js";

/**
 * Calendar apps poll every few minutes: within five minutes a client may use its copy without asking, after that
 * it revalidates with If-None-Match, which costs one token lookup and one read of the feed's rows, and no
 * calendar writing, when nothing changed. `private`: the URL is a credential, no shared cache may keep the answer.
 */
const FEED_CACHE_CONTROL = "private, max-age=300";
const resourceId = z.uuid();

/**
 * The iCalendar feeds (issue 16), outside tRPC because they answer text/calendar. The token in the path is the
 * only credential (calendar apps send no other); anything it does not open, and a malformed path, is 404 alike,
 * so a response never tells a revoked token from a guessed one. The general API rate limit covers these paths.
 *
 * - `GET /api/v1/feeds/{token}.ics`: a person's bookings.
 * - `GET /api/v1/feeds/{token}/resources/{resourceId}.ics`: a resource's bookings, under an admin's token.
 */
export async function calendarFeedPlugin(app: FastifyInstance, options: { feeds: CalendarFeedService }) {
  app.get<{ Params: { file: string } }>(`${FEEDS_PATH}/:file`, (request, reply) => {
    const token = icsName(request.params.file);
    return answer(request, reply, token === null ? null : { token });
  });
  app.get<{ Params: { token: string; file: string } }>(`${FEEDS_PATH}/:token/resources/:file`, (request, reply) => {
    const parsed = resourceId.safeParse(icsName(request.params.file));
    return answer(request, reply, parsed.success ? { token: request.params.token, resourceId: parsed.data.toLowerCase() } : null);
  });

  async function answer(request: FastifyRequest, reply: FastifyReply, feedRequest: FeedRequest | null) {
    // The token is in the URL: it must not travel on to another site in a Referer.
    void reply.header("referrer-policy", "no-referrer");
    const feed = feedRequest ? await options.feeds.open(feedRequest) : null;
    if (!feed) {
      const refusal = describeAppError(new AppError("NOT_FOUND", "No such calendar feed"), errorIdOf(request.raw));
      logError(request.log, refusal, undefined);
      return sendError(reply, refusal);
    }
    void reply.header("etag", feed.etag).header("cache-control", FEED_CACHE_CONTROL);
    if (matchesEtag(request.headers["if-none-match"], feed.etag)) return reply.code(304).send();
    return reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", 'inline; filename="bookable.ics"')
      .send(feed.render());
  }
}

/** The name before `.ics`, or null for any other file name. */
function icsName(file: string): string | null {
  return file.endsWith(".ics") ? file.slice(0, -".ics".length) : null;
}
