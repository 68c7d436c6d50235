import { errorIdOf } from "@bookable/api";
import type { LinkSigner } from "@bookable/auth";
import { AppError, bookingCalendar, getBooking, readBookingOutput } from "@bookable/core";
import type { BookingOutput } from "@bookable/validators";
import type { FastifyInstance } from "fastify";
import type { CreateApiContext } from "../create-api-context.js";
import { sendError } from "./send-error.js";

const BOOKING_ID = /^[0-9a-f-]{36}$/i;

/**
 * `GET /api/v1/bookings/{id}/calendar.ics`: the booking for calendar apps. Not a tRPC procedure because
 * it answers text/calendar; it authenticates exactly like the API (bearer or cookie), or by `?key=`, the
 * signature of the booking's id that its confirmation email links to (calendarLinks; issue 13), which opens
 * this one file and nothing else. A wrong key is answered as an unknown booking.
 */
export async function bookingCalendarPlugin(
  app: FastifyInstance,
  options: { createContext: CreateApiContext; publicUrl: string; calendarLinks: LinkSigner },
) {
  app.get<{ Params: { id: string }; Querystring: { key?: string } }>(
    "/api/v1/bookings/:id/calendar.ics",
    async (request, reply) => {
      const fail = (httpStatus: number, code: "UNAUTHENTICATED" | "NOT_FOUND", message: string) =>
        sendError(reply, { httpStatus, code, message, errorId: errorIdOf(request.raw) });
      const { id } = request.params;
      const key = request.query.key;
      let read: () => Promise<BookingOutput>;
      if (typeof key === "string") {
        if (!BOOKING_ID.test(id) || !options.calendarLinks.verify(id.toLowerCase(), key)) {
          return fail(404, "NOT_FOUND", "No such booking");
        }
        // The key is in the URL: it must not travel on to another site in a Referer.
        void reply.header("referrer-policy", "no-referrer").header("cache-control", "private, no-store");
        const context = await options.createContext(request, reply);
        read = () => readBookingOutput(context.db, id);
      } else {
        const context = await options.createContext(request, reply);
        const user = context.user;
        if (!user) return fail(401, "UNAUTHENTICATED", "Sign in to do this");
        if (!BOOKING_ID.test(id)) return fail(404, "NOT_FOUND", "No such booking");
        read = () => getBooking(context.db, user, id);
      }
      try {
        const booking = await read();
        return reply
          .type("text/calendar; charset=utf-8")
          .header("content-disposition", `attachment; filename="booking-${booking.id}.ics"`)
          .send(bookingCalendar(booking, options.publicUrl));
      } catch (error) {
        if (error instanceof AppError && error.code === "NOT_FOUND") return fail(404, "NOT_FOUND", error.message);
        throw error;
      }
    },
  );
}
