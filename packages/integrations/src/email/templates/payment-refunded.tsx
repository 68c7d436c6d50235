/** @jsxRuntime automatic @jsxImportSource react */
import type { EmailTemplate, EmailTemplateData, RefundReason } from "./email-data.js";
import { BOOKING_REASON, BookingFacts, CallToAction, EmailLayout, Greeting, Paragraph } from "./email-layout.js";
import { formatMoney, oneLine, shortStart } from "./format.js";

type Data = EmailTemplateData["payment-refunded"];

/** Why the money goes back, in one sentence the booker understands. */
export const REFUND_REASON_SENTENCES: Record<RefundReason, string> = {
  cancelled_in_free_window: "You cancelled your booking before its free cancellation period ended, so you get your money back.",
  cancelled_by_admin: "Your booking was cancelled by an administrator, so you get your money back.",
  late_payment_slot_taken:
    "We could not confirm your booking: your payment arrived after the time to pay had run out, and meanwhile someone else booked the slot.",
  paid_after_cancellation:
    "Your payment arrived after the booking had already been cancelled, so there was nothing left to pay for.",
  refunded_at_provider: "This payment was refunded directly through our payment provider.",
};

export function PaymentRefunded({ booking, refund, reason }: Data) {
  const amount = formatMoney(refund);
  return (
    <EmailLayout
      preview={`${amount} is on its way back to you: ${oneLine(booking.resourceName)}, ${shortStart(booking)}.`}
      heading="Your payment is being refunded"
      reason={BOOKING_REASON}
    >
      <Greeting name={booking.attendeeName} />
      <Paragraph>{REFUND_REASON_SENTENCES[reason]}</Paragraph>
      <Paragraph>
        {amount} is being refunded to the card or account you paid with. Refunds usually reach your account within 5–10 business
        days.
      </Paragraph>
      <BookingFacts booking={booking} extra={[["Refund", amount]]} />
      <CallToAction href={booking.bookingUrl} label="View the booking" />
    </EmailLayout>
  );
}

export const paymentRefunded: EmailTemplate<Data> = {
  subject: ({ booking, refund }) =>
    `Refund of ${formatMoney(refund)}: ${oneLine(booking.resourceName)} on ${shortStart(booking)}`,
  element: (data) => <PaymentRefunded {...data} />,
};
