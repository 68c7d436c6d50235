/** @jsxRuntime automatic @jsxImportSource react */
import type { EmailTemplate, EmailTemplateData } from "./email-data.js";
import { BOOKING_REASON, BookingFacts, CallToAction, EmailLayout, Greeting, Paragraph } from "./email-layout.js";
import { formatMoney, momentInBothZones, oneLine, shortStart } from "./format.js";

type Data = EmailTemplateData["waitlist-offer"];

/** A seat came free for someone on the waitlist: it is held for them until the offer runs out (issue 15). */
export function WaitlistOffer({ booking, offerExpiresAt, price }: Data) {
  const deadline = momentInBothZones(offerExpiresAt, "offerExpiresAt", booking);
  const take = price ? `pay ${formatMoney(price)}` : "accept it";
  return (
    <EmailLayout
      preview={`A seat is free: ${take} by ${deadline.first} to book it.`}
      heading="A seat came free for you"
      reason={BOOKING_REASON}
    >
      <Greeting name={booking.attendeeName} />
      <Paragraph>
        You were on the waitlist for {booking.resourceName}, and a seat is now free. We are holding it for you until{" "}
        <strong>{deadline.combined}</strong>: {take} on the booking page to make it yours.
      </Paragraph>
      <BookingFacts booking={booking} extra={[["Offer ends", deadline.combined]]} />
      <CallToAction href={booking.bookingUrl} label="See the offer" />
      <Paragraph>If you do not take it in time, the seat goes to the next person on the waitlist.</Paragraph>
    </EmailLayout>
  );
}

export const waitlistOffer: EmailTemplate<Data> = {
  subject: ({ booking }) => `A seat is free: ${oneLine(booking.resourceName)} on ${shortStart(booking)}`,
  element: (data) => <WaitlistOffer {...data} />,
};
