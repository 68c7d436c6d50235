/** @jsxRuntime automatic @jsxImportSource react */
import type { EmailTemplate, EmailTemplateData, RefundStatus } from "./email-data.js";
import { BOOKING_REASON, BookingFacts, CallToAction, EmailLayout, type Fact, Greeting, Paragraph } from "./email-layout.js";
import { formatMoney, oneLine, shortStart } from "./format.js";

type Data = EmailTemplateData["booking-cancelled"];

const REFUND_STATE: Record<RefundStatus, string> = {
  pending: "on its way",
  succeeded: "sent",
  failed: "failed",
};

const ARRIVAL = "Refunds usually reach your account within 5–10 business days.";

/** Whether money goes back, how much, and where it stands. */
export function refundSentence({ cancelledBy, refund, paid }: Pick<Data, "cancelledBy" | "refund" | "paid">): string {
  if (refund) {
    const amount = formatMoney(refund.amount);
    switch (refund.status) {
      case "pending":
        return `We are refunding ${amount} to the card or account you paid with. ${ARRIVAL}`;
      case "succeeded":
        return `We have refunded ${amount} to the card or account you paid with. ${ARRIVAL}`;
      case "failed":
        return `We tried to refund ${amount} to the card or account you paid with, but the refund failed. We will look into it; please keep this email as a record of the refund you are owed.`;
    }
  }
  if (!paid) return "No payment was taken for this booking, so there is nothing to refund.";
  return cancelledBy === "booker"
    ? "The booking was cancelled after its free cancellation period had ended, so your payment is not refunded."
    : "Your payment for this booking is not refunded.";
}

function refundFact({ refund, paid }: Pick<Data, "refund" | "paid">): Fact[] {
  if (refund) return [["Refund", `${formatMoney(refund.amount)}, ${REFUND_STATE[refund.status]}`]];
  return paid ? [["Refund", "none"]] : [];
}

/** The canceller's own words, when they gave any (issue 15). */
function reasonFact({ reason }: Pick<Data, "reason">): Fact[] {
  return reason ? [["Reason", reason]] : [];
}

export function BookingCancelled(data: Data) {
  const { booking, cancelledBy } = data;
  return (
    <EmailLayout
      preview={`${oneLine(booking.resourceName)}, ${shortStart(booking)}: your booking is cancelled.`}
      heading="Your booking is cancelled"
      reason={BOOKING_REASON}
    >
      <Greeting name={booking.attendeeName} />
      <Paragraph>
        {cancelledBy === "booker"
          ? `As you asked, your booking of ${booking.resourceName} is cancelled.`
          : `Your booking of ${booking.resourceName} has been cancelled by an administrator.`}
      </Paragraph>
      <Paragraph>{refundSentence(data)}</Paragraph>
      <BookingFacts booking={booking} extra={[...reasonFact(data), ...refundFact(data)]} />
      <CallToAction href={booking.bookingUrl} label="View the booking" />
    </EmailLayout>
  );
}

export const bookingCancelled: EmailTemplate<Data> = {
  subject: ({ booking }) => `Cancelled: ${oneLine(booking.resourceName)} on ${shortStart(booking)}`,
  element: (data) => <BookingCancelled {...data} />,
};
