import {
  bookingIdInput,
  bookingListOutput,
  bookingOutput,
  cancelBookingInput,
  createBookingInput,
  listAllBookingsInput,
  listMyBookingsInput,
  rescheduleBookingInput,
} from "@bookable/validators";
import { adminProcedure, protectedProcedure, router } from "../trpc.js";

export const bookingsRouter = router({
  create: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/bookings",
        tags: ["bookings"],
        summary: "Book a slot",
        description:
          "`confirmed` for a free resource. For a priced one, `held` until `holdExpiresAt`, with `checkoutUrl`: send the booker there to pay (Stripe Checkout); the payment confirms the booking, and an unpaid hold expires. Send an `Idempotency-Key` header to make retries safe: the same key and body return the first response for 24 hours; another body answers 422. The caller's email must be confirmed (admins excepted). One account may have at most `HOLDS_PER_USER` live holds (default 3) and make at most `BOOKINGS_PER_HOUR` bookings per rolling hour (default 30); beyond either the answer is 429 with `Retry-After`. A Checkout Session confirms the booking only if it is the one the booking records and charges the booking's amount and currency.",
        errorResponses: {
          401: "No valid credential.",
          403: "`EMAIL_NOT_VERIFIED`: the caller has not confirmed their email address; `POST /auth/verify-email/resend` sends a new link.",
          404: "No such resource.",
          409: "`SLOT_TAKEN`: the slot has no seats left. `ALREADY_BOOKED`: no seats left, and the caller holds a booking in this slot (find it with `GET /bookings`).",
          422: "`IDEMPOTENCY_KEY_REUSED`.",
          429: "`RATE_LIMITED`: `HOLDS_PER_USER` live holds already (retry when the earliest runs out), or `BOOKINGS_PER_HOUR` bookings in the last hour; `Retry-After` says when.",
          503: "`SERVICE_UNAVAILABLE`: the payment provider did not answer (nothing was booked) or payments are not configured.",
        },
      },
      successStatus: 201,
      credentialsUntouched: true,
    })
    .input(createBookingInput)
    .output(bookingOutput)
    .mutation(({ ctx, input }) => ctx.services.bookings.book(ctx.user, input)),

  get: protectedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/bookings/{id}",
        tags: ["bookings"],
        summary: "One booking",
        errorResponses: { 404: "No such booking of yours." },
      },
    })
    .input(bookingIdInput)
    .output(bookingOutput)
    .query(({ ctx, input }) => ctx.services.bookings.get(ctx.user, input.id)),

  cancel: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/bookings/{id}/cancel",
        tags: ["bookings"],
        summary: "Cancel a booking",
        description:
          "By its booker or an admin, before it starts, optionally with a `reason` (kept in `cancellationReason`, shown to admins and in the cancellation email). Its seats become free at once. A paid booking is refunded in full before `freeCancellationUntil` and not at all after it; admins may decide otherwise with `refund`. The answer shows the refund in `payment.refund`.",
        errorResponses: {
          403: "`refund` was sent by someone who is not an admin.",
          404: "No such booking of yours.",
          409: "Already cancelled, expired or started.",
        },
      },
      credentialsUntouched: true,
    })
    .input(cancelBookingInput)
    .output(bookingOutput)
    .mutation(({ ctx, input }) => ctx.services.bookings.cancel(ctx.user, input)),

  reschedule: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/bookings/{id}/reschedule",
        tags: ["bookings"],
        summary: "Move a booking to another time",
        description:
          'By its booker or an admin, before it starts, to another available slot of the same resource. Atomic: the new slot\'s seats are taken and the old ones freed together, or nothing changes. The booking keeps its id and its payment; `sequence` grows, so its calendar event (same UID) moves. The attendee gets one "moved" email (and SMS if opted in), and reminders are planned for the new time. Send an `Idempotency-Key` header to make retries safe.',
        errorResponses: {
          400: "`start` is not a slot the resource offers, or is the booking's current time.",
          404: "No such booking of yours.",
          409: "`SLOT_TAKEN`: the new time has no seats left (nothing changed). `RESCHEDULE_PRICE_DIFFERS`: the new time costs a different amount than this priced booking. `CONFLICT`: cancelled, expired, unpaid hold run out, or already started.",
          422: "`IDEMPOTENCY_KEY_REUSED`.",
        },
      },
      credentialsUntouched: true,
    })
    .input(rescheduleBookingInput)
    .output(bookingOutput)
    .mutation(({ ctx, input }) => ctx.services.bookings.reschedule(ctx.user, input)),

  list: protectedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/bookings",
        tags: ["bookings"],
        summary: "My bookings",
        description: "`when`: `upcoming`, `past` (both held or confirmed) or `cancelled` (cancelled or expired).",
      },
    })
    .input(listMyBookingsInput)
    .output(bookingListOutput)
    .query(({ ctx, input }) => ctx.services.bookings.listMine(ctx.user.id, input)),

  listAll: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/bookings",
        tags: ["bookings"],
        summary: "All bookings (admin)",
        errorResponses: { 401: "No valid credential.", 403: "The caller is not an admin." },
      },
    })
    .input(listAllBookingsInput)
    .output(bookingListOutput)
    .query(({ ctx, input }) => ctx.services.bookings.listAll(input)),
});
