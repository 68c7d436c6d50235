import type { ReactElement } from "react";

/** What every booking email (and SMS) knows about the booking. */
export interface BookingEmailDetails {
  attendeeName: string;
  resourceName: string;
  /** ISO instant. */
  start: string;
  /** ISO instant. */
  end: string;
  /** IANA zone of the resource; its times are shown first. */
  resourceTimeZone: string;
  /** IANA zone of the booker's browser; null if unknown. An invalid zone counts as unknown. */
  attendeeTimeZone: string | null;
  /** The booker's clock style; "h23" when absent (messages queued before it existed). */
  attendeeHourCycle?: "h12" | "h23" | undefined;
  seats: number;
  /** Link to the booking page. */
  bookingUrl: string;
  /** The resource's location, for calendar links; absent or empty when it has none. */
  location?: string | undefined;
}

export interface Money {
  /** In minor units (cents), as everywhere in Bookable. */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
}

export type RefundStatus = "pending" | "succeeded" | "failed";

export type RefundReason =
  | "cancelled_in_free_window"
  | "cancelled_by_admin"
  | "late_payment_slot_taken"
  | "paid_after_cancellation"
  | "refunded_at_provider";

/** The data each template takes, by template name. */
export interface EmailTemplateData {
  "verify-email": { username: string; link: string };
  "reset-password": { username: string; link: string };
  "booking-confirmed": {
    booking: BookingEmailDetails;
    paid: Money | null;
    /**
     * A signed link to the booking's .ics, made when the email is sent (never stored): the email carries it
     * instead of an attachment, which Resend's batch endpoint cannot send (issue 13).
     */
    calendarUrl?: string | undefined;
    /** The app's address the booking was made on: the calendar link, made at delivery, starts with it (issue 15). */
    publicUrl?: string | undefined;
  };
  "booking-held": { booking: BookingEmailDetails; checkoutUrl: string; holdExpiresAt: string; price: Money };
  "booking-cancelled": {
    booking: BookingEmailDetails;
    cancelledBy: "booker" | "admin";
    /** Why, as the canceller wrote it; absent in messages queued before reasons existed. */
    reason?: string | null;
    refund: { amount: Money; status: RefundStatus } | null;
    paid: boolean;
  };
  "booking-reminder": { booking: BookingEmailDetails };
  "booking-rescheduled": {
    /** The booking at its new time. */
    booking: BookingEmailDetails;
    /** Its time before the move (ISO instants). */
    previous: { start: string; end: string };
    /** A signed link to the booking's .ics, made when the email is sent (as for the confirmation). */
    calendarUrl?: string | undefined;
    /** The app's address the move was made on, as for the confirmation. */
    publicUrl?: string | undefined;
  };
  "payment-refunded": { booking: BookingEmailDetails; refund: Money; reason: RefundReason };
  /** A waitlisted seat held for the attendee until `offerExpiresAt` (ISO instant); `price` null when free. */
  "waitlist-offer": { booking: BookingEmailDetails; offerExpiresAt: string; price: Money | null };
  /**
   * To the owner of a webhook endpoint that failed for days and was disabled (issue 16). `failingSince` is an
   * ISO instant; `lastError` what the last attempt got (a status or a network error), null if unknown.
   */
  "webhook-endpoint-disabled": {
    username: string;
    url: string;
    failingSince: string;
    lastError: string | null;
    webhooksUrl: string;
  };
}

export type EmailTemplateName = keyof EmailTemplateData;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** One template: its subject line and its React element, from the same data. */
export interface EmailTemplate<Data> {
  subject(data: Data): string;
  element(data: Data): ReactElement;
}
