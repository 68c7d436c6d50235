import { render } from "@react-email/render";
import { bookingCancelled } from "./booking-cancelled.js";
import { bookingConfirmed } from "./booking-confirmed.js";
import { bookingHeld } from "./booking-held.js";
import { bookingReminder } from "./booking-reminder.js";
import { bookingRescheduled } from "./booking-rescheduled.js";
import type { BookingEmailDetails, EmailTemplate, EmailTemplateData, EmailTemplateName, RenderedEmail } from "./email-data.js";
import { oneLine, seatsText, smsTimes } from "./format.js";
import { paymentRefunded } from "./payment-refunded.js";
import { resetPassword } from "./reset-password.js";
import { verifyEmail } from "./verify-email.js";
import { waitlistOffer } from "./waitlist-offer.js";
import { webhookEndpointDisabled } from "./webhook-endpoint-disabled.js";

export type {
  BookingEmailDetails,
  EmailTemplateData,
  EmailTemplateName,
  Money,
  RefundReason,
  RefundStatus,
  RenderedEmail,
} from "./email-data.js";

const templates: { [N in EmailTemplateName]: EmailTemplate<EmailTemplateData[N]> } = {
  "verify-email": verifyEmail,
  "reset-password": resetPassword,
  "booking-confirmed": bookingConfirmed,
  "booking-held": bookingHeld,
  "booking-cancelled": bookingCancelled,
  "booking-reminder": bookingReminder,
  "booking-rescheduled": bookingRescheduled,
  "payment-refunded": paymentRefunded,
  "waitlist-offer": waitlistOffer,
  "webhook-endpoint-disabled": webhookEndpointDisabled,
};

/** Every template name, in a stable order (for previews and tests). */
export const EMAIL_TEMPLATE_NAMES = Object.keys(templates) as EmailTemplateName[];

// Headings stay as written in the text version (html-to-text upper-cases them by default).
const htmlToTextOptions = { selectors: [{ selector: "h1", options: { uppercase: false } }] };

/**
 * Renders one email: its subject, its HTML (values escaped by React) and its plain-text version. Throws for an
 * unknown template, an invalid `start`/`end`/`holdExpiresAt` or an unknown resource time zone; an unknown attendee
 * time zone is treated as missing.
 */
export async function renderEmail<N extends EmailTemplateName>(template: N, data: EmailTemplateData[N]): Promise<RenderedEmail> {
  if (!Object.hasOwn(templates, template)) throw new Error(`Unknown email template: ${JSON.stringify(template)}`);
  const definition: EmailTemplate<EmailTemplateData[N]> = templates[template];
  const element = definition.element(data);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions })]);
  return { subject: definition.subject(data), html, text };
}

export type SmsTemplateName = "booking-confirmed" | "booking-reminder" | "booking-rescheduled" | "waitlist-offer";

/** Two concatenated GSM-7 segments hold 306 characters; the limit leaves a little room for a sender prefix. */
export const SMS_MAX_LENGTH = 320;
const ELLIPSIS = "...";
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * A short plain-text SMS: the resource, the time (both zones when they differ), the seats and the booking URL, the
 * only link. ASCII apart from what people typed, so it usually stays GSM-7. A long resource name is shortened to fit.
 */
export function renderSms(template: SmsTemplateName, data: { booking: BookingEmailDetails }): string {
  const { booking } = data;
  const when = smsTimes(booking);
  const compose = (resource: string): string => {
    switch (template) {
      case "booking-confirmed":
        return `Bookable: your booking of ${resource} is confirmed for ${when}, ${seatsText(booking.seats)}. Details: ${booking.bookingUrl}`;
      case "booking-reminder":
        return `Bookable reminder: ${resource}, ${when}, ${seatsText(booking.seats)}. Details: ${booking.bookingUrl}`;
      case "booking-rescheduled":
        return `Bookable: your booking of ${resource} has moved to ${when}, ${seatsText(booking.seats)}. Details: ${booking.bookingUrl}`;
      case "waitlist-offer":
        return `Bookable: a seat of ${resource} on ${when} came free and is held for you for a short while. Take it: ${booking.bookingUrl}`;
      default:
        throw new Error(`Unknown SMS template: ${JSON.stringify(template satisfies never)}`);
    }
  };
  const name = oneLine(booking.resourceName);
  const full = compose(name);
  if (full.length <= SMS_MAX_LENGTH) return full;
  // Lengths in UTF-16 units, which is what a UCS-2 SMS counts; cut between graphemes so no emoji is split.
  const budget = SMS_MAX_LENGTH - (full.length - name.length) - ELLIPSIS.length;
  let shortened = "";
  for (const { segment } of graphemes.segment(name)) {
    if (shortened.length + segment.length > budget) break;
    shortened += segment;
  }
  shortened = shortened.trimEnd();
  if (!shortened)
    throw new Error(`The SMS cannot fit in ${SMS_MAX_LENGTH} characters (booking URL ${booking.bookingUrl.length} long)`);
  return compose(`${shortened}${ELLIPSIS}`);
}
