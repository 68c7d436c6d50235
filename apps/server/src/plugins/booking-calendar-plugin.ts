import {
  type AppRouter,
  createCallerFactory,
  describeAppError,
  describeError,
  errorIdOf,
  unauthenticatedError,
} from "@bookable/api";
import type { LinkSigner } from "@bookable/auth";
import { AppError, bookingCalendar } from "@bookable/core";
import { type BookingOutput, bookingIdInput } from "@bookable/validators";
import { TRPCError } from "@trpc/server";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { CreateApiContext } from "../create-api-context.js";
import { logError } from "./log-error.js";
import { type ErrorToSend, sendError } from "./send-error.js";

/**
 * `GET /api/v1/bookings/{id}/calendar.ics`: the booking for calendar apps. Not a tRPC procedure because
 * it answers text/calendar; a signed-in caller (bearer or cookie) reads it through the `bookings.get`
 * procedure, so authentication, input and errors are exactly the API's. `?key=`, the signature of the
 * booking's id that its confirmation email links to (calendarLinks; issue 13), opens this one file and
 * nothing else. A wrong key, or an id that is not a booking id, is answered as an unknown booking.
 */
export async function bookingCalendarPlugin(
  app: FastifyInstance,
  options: { createContext: CreateApiContext; router: AppRouter; publicUrl: string; calendarLinks: LinkSigner },
) {
  const createCaller = createCallerFactory(options.router);
  app.get<{ Params: { id: string }; Querystring: { key?: string } }>(
    "/api/v1/bookings/:id/calendar.ics",
    async (request, reply) => {
      const parsed = bookingIdInput.safeParse({ id: request.params.id });
      const key = request.query.key;
      let read: () => Promise<BookingOutput>;
      const context = await options.createContext(request, reply);
      if (typeof key === "string") {
        if (!parsed.success || !options.calendarLinks.verify(parsed.data.id.toLowerCase(), key)) {
          return refuse(request, reply, new AppError("NOT_FOUND", "No such booking"));
        }
        // The key is in the URL: it must not travel on to another site in a Referer.
        void reply.header("referrer-policy", "no-referrer").header("cache-control", "private, no-store");
        // The key stands for the booking's own permission: the bound service reads it without a viewer.
        read = () => context.services.bookings.read(parsed.data.id);
      } else {
        // Signed out is told before a malformed id, as the API tells it before validating input.
        if (!context.user) return refuse(request, reply, unauthenticatedError(context.credentialRejected));
        if (!parsed.success) return refuse(request, reply, new AppError("NOT_FOUND", "No such booking"));
        read = () => createCaller(context).bookings.get(parsed.data);
      }
      let booking: BookingOutput;
      try {
        booking = await read();
      } catch (error) {
        const refusal = refusalOf(error);
        if (!refusal) throw error instanceof TRPCError ? (error.cause ?? error) : error;
        logError(request.log, refusal, undefined);
        return sendError(reply, refusal);
      }
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", `attachment; filename="booking-${booking.id}.ics"`)
        .send(bookingCalendar(booking, options.publicUrl));
    },
  );
}

/** An AppError from the read as the API reports it; undefined for anything else (the error handler's). */
function refusalOf(error: unknown): ErrorToSend | undefined {
  if (error instanceof TRPCError && error.cause instanceof AppError) return describeError(error);
  if (error instanceof AppError) return describeAppError(error);
  return undefined;
}

function refuse(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const refusal = describeAppError(error, errorIdOf(request.raw));
  logError(request.log, refusal, undefined);
  return sendError(reply, refusal);
}
