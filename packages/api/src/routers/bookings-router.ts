import {
  AppError,
  cancelBooking,
  createBooking,
  findVisibleBooking,
  listAllBookings,
  listMyBookings,
  toBookingOutput,
  withIdempotency,
} from "@bookable/core";
import {
  bookingIdInput,
  bookingListOutput,
  bookingOutput,
  createBookingInput,
  listAllBookingsInput,
  listMyBookingsInput,
} from "@bookable/validators";
import { z } from "zod";
import { adminProcedure, protectedProcedure, router } from "../trpc.js";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export const bookingsRouter = router({
  create: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/bookings",
        tags: ["bookings"],
        summary: "Book a slot",
        description:
          "`confirmed` for a free resource; `held` until `holdExpiresAt` for a priced one. Send an `Idempotency-Key` header to make retries safe: the same key and body return the first response for 24 hours; another body answers 422.",
        requestHeaders: z.object({ "Idempotency-Key": z.string().max(255).optional() }),
        errorResponses: {
          401: "No valid credential.",
          404: "No such resource.",
          409: "`SLOT_TAKEN`: the slot has no seats left.",
          422: "`IDEMPOTENCY_KEY_REUSED`.",
        },
      },
      successStatus: 201,
    })
    .input(createBookingInput)
    .output(bookingOutput)
    .mutation(({ ctx, input }) => {
      if (ctx.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(ctx.idempotencyKey)) {
        throw new AppError("BAD_REQUEST", "The Idempotency-Key must be 1–255 visible ASCII characters", {
          issues: [{ path: "Idempotency-Key", message: "1–255 visible ASCII characters" }],
        });
      }
      return withIdempotency(ctx.db, ctx.user.id, ctx.idempotencyKey, input, () =>
        createBooking({ db: ctx.db, holdMinutes: ctx.holdMinutes }, ctx.user.id, input),
      );
    }),

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
    .query(async ({ ctx, input }) => {
      const { booking, resource } = await findVisibleBooking(ctx.db, ctx.user, input.id);
      return toBookingOutput(booking, resource);
    }),

  cancel: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/bookings/{id}/cancel",
        tags: ["bookings"],
        summary: "Cancel a booking",
        description: "By its booker or an admin, before it starts. Its seats become free at once.",
        errorResponses: { 404: "No such booking of yours.", 409: "Already cancelled, expired or started." },
      },
    })
    .input(bookingIdInput)
    .output(bookingOutput)
    .mutation(({ ctx, input }) => cancelBooking(ctx.db, ctx.user, input.id)),

  list: protectedProcedure
    .meta({ openapi: { method: "GET", path: "/bookings", tags: ["bookings"], summary: "My bookings" } })
    .input(listMyBookingsInput)
    .output(bookingListOutput)
    .query(({ ctx, input }) => listMyBookings(ctx.db, ctx.user.id, input)),

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
    .query(({ ctx, input }) => listAllBookings(ctx.db, input)),
});
