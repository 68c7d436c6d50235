import { errorIdOf } from "@bookable/api";
import { AppError, bookingCalendar, getBooking } from "@bookable/core";
import type { FastifyInstance } from "fastify";
import type { CreateApiContext } from "../create-api-context.js";
import { sendError } from "./send-error.js";

/**
 * `GET /api/v1/bookings/{id}/calendar.ics`: the booking for calendar apps. Not a tRPC procedure because
 * it answers text/calendar; it authenticates exactly like the API (bearer or cookie).
 */
export async function bookingCalendarPlugin(
  app: FastifyInstance,
  options: { createContext: CreateApiContext; publicUrl: string },
) {
  app.get<{ Params: { id: string } }>("/api/v1/bookings/:id/calendar.ics", async (request, reply) => {
    const context = await options.createContext(request, reply);
    const fail = (httpStatus: number, code: "UNAUTHENTICATED" | "NOT_FOUND", message: string) =>
      sendError(reply, { httpStatus, code, message, errorId: errorIdOf(request.raw) });
    if (!context.user) return fail(401, "UNAUTHENTICATED", "Sign in to do this");
    if (!/^[0-9a-f-]{36}$/i.test(request.params.id)) return fail(404, "NOT_FOUND", "No such booking");
    try {
      const booking = await getBooking(context.db, context.user, request.params.id);
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", `attachment; filename="booking-${booking.id}.ics"`)
        .send(bookingCalendar(booking, options.publicUrl));
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") return fail(404, "NOT_FOUND", error.message);
      throw error;
    }
  });
}
