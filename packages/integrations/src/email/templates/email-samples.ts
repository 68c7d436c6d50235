import type { BookingEmailDetails, EmailTemplateData } from "./email-data.js";

// Realistic, fixed data for the previews and the snapshot tests. The attendee books a Berlin room from New York,
// so the booking emails show both time zones.

export const sampleBooking: BookingEmailDetails = {
  attendeeName: "Ana Souza",
  resourceName: "Meeting Room A",
  start: "2026-12-01T08:00:00Z",
  end: "2026-12-01T09:00:00Z",
  resourceTimeZone: "Europe/Berlin",
  attendeeTimeZone: "America/New_York",
  seats: 2,
  bookingUrl: "https://bookable.example.com/bookings/8f14e45f-ceea-467f-a0e6-1f3c5b2d9a71",
  location: "Torstraße 1, 10119 Berlin",
};

const price = { amount: 5000, currency: "EUR" };

export const emailSamples: { [N in keyof EmailTemplateData]: EmailTemplateData[N] } = {
  "verify-email": {
    username: "ana_souza",
    link: "https://bookable.example.com/verify-email?token=QmFzZTY0VG9rZW5Gb3JQcmV2aWV3cw",
  },
  "reset-password": {
    username: "ana_souza",
    link: "https://bookable.example.com/reset-password?token=UmVzZXRUb2tlbkZvclByZXZpZXdz",
  },
  "booking-confirmed": {
    booking: sampleBooking,
    paid: price,
    calendarUrl:
      "https://bookable.example/api/v1/bookings/5d0f7c1e-8a43-4b6e-9f21-3c7a2e9b4d10/calendar.ics?key=q3J8vYp2Lm6Tn0Rw4Xc9Ab",
  },
  "booking-held": {
    booking: sampleBooking,
    checkoutUrl: "https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4e5F6g7H8i9J0",
    holdExpiresAt: "2026-11-24T13:30:00Z",
    price,
  },
  "booking-cancelled": {
    booking: sampleBooking,
    cancelledBy: "booker",
    reason: "My train was cancelled.",
    refund: { amount: price, status: "pending" },
    paid: true,
  },
  "booking-reminder": { booking: sampleBooking },
  "booking-rescheduled": {
    booking: { ...sampleBooking, start: "2026-12-02T13:00:00Z", end: "2026-12-02T14:00:00Z" },
    previous: { start: sampleBooking.start, end: sampleBooking.end },
    calendarUrl:
      "https://bookable.example/api/v1/bookings/5d0f7c1e-8a43-4b6e-9f21-3c7a2e9b4d10/calendar.ics?key=q3J8vYp2Lm6Tn0Rw4Xc9Ab",
  },
  "payment-refunded": { booking: sampleBooking, refund: price, reason: "late_payment_slot_taken" },
  "waitlist-offer": { booking: { ...sampleBooking, seats: 1 }, offerExpiresAt: "2026-11-24T13:30:00Z", price: null },
  "webhook-endpoint-disabled": {
    username: "ana_souza",
    url: "https://hooks.example.org/bookable",
    failingSince: "2026-11-19T08:00:00.000Z",
    lastError: "HTTP 503",
    webhooksUrl: "https://bookable.example.com/admin/webhooks",
  },
};
