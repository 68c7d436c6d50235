import type { BookingOutput, createBookingInput, listAllBookingsInput, listMyBookingsInput } from "@bookable/validators";
import type { z } from "zod";
import { type BookingViewer, getBooking, readBookingOutput } from "../booking-store/find-booking.js";
import { type BookingPage, listAllBookings, listMyBookings } from "../booking-store/list-bookings.js";
import type { PaymentDependencies } from "../payments/payment-dependencies.js";
import type { ResourceDefinitions } from "../resources/resource-definitions.js";
import { bookSlot } from "./book-slot.js";
import type { BookingLimits } from "./booker-limits.js";
import { type CancelBookingRequest, cancelBooking, type OfferFreedSeats } from "./cancel-booking.js";
import type { Booker } from "./require-verified-booker.js";
import { type RescheduleBookingRequest, rescheduleBooking } from "./reschedule-booking.js";

/** What the booking service is built with, once at start by the host. */
export interface BookingServiceDependencies {
  payments: PaymentDependencies;
  /** Minutes a priced booking's seats are held awaiting payment (HOLD_MINUTES). */
  holdMinutes: number;
  /** Live holds and bookings per hour one account may have (HOLDS_PER_USER, BOOKINGS_PER_HOUR). */
  limits: BookingLimits;
  /** Resources and their date overrides for the booking path, cached per definition version (issue 12). */
  resources: ResourceDefinitions;
  /** Seats a cancellation frees go to the slot's waitlist in its transaction (bound by createCoreServices). */
  offerFreedSeats?: OfferFreedSeats | undefined;
}

/** Bookings as the API offers them, with their dependencies bound (issue 14): callers pass only request facts. */
export interface BookingService {
  /** Books a slot. Retries are made safe by the API's Idempotency-Key on every mutation (decision 032). */
  book(booker: Booker, input: z.output<typeof createBookingInput>): Promise<BookingOutput>;
  /** One booking of the viewer's (any for an admin). */
  get(viewer: BookingViewer, bookingId: string): Promise<BookingOutput>;
  /** One booking whoever may see it, for a caller that checked access otherwise (a signed calendar link). */
  read(bookingId: string): Promise<BookingOutput>;
  cancel(viewer: BookingViewer, request: CancelBookingRequest): Promise<BookingOutput>;
  /** Moves a booking to another slot of its resource, whole or not at all. */
  reschedule(viewer: BookingViewer, request: RescheduleBookingRequest): Promise<BookingOutput>;
  listMine(userId: string, input: z.output<typeof listMyBookingsInput>): Promise<BookingPage>;
  listAll(input: z.output<typeof listAllBookingsInput>): Promise<BookingPage>;
}

export function createBookingService(deps: BookingServiceDependencies): BookingService {
  const { db } = deps.payments;
  const bookDependencies = { ...deps.payments, holdMinutes: deps.holdMinutes, limits: deps.limits, resources: deps.resources };
  return {
    book: (booker, input) => bookSlot(bookDependencies, booker, input),
    reschedule: (viewer, request) =>
      rescheduleBooking({ db, outbox: deps.payments.outbox, resources: deps.resources }, viewer, request),
    get: (viewer, bookingId) => getBooking(db, viewer, bookingId),
    read: (bookingId) => readBookingOutput(db, bookingId),
    cancel: (viewer, request) => cancelBooking({ ...deps.payments, offerFreedSeats: deps.offerFreedSeats }, viewer, request),
    listMine: (userId, input) => listMyBookings(db, userId, input),
    listAll: (input) => listAllBookings(db, input),
  };
}
