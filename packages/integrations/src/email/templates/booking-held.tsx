/** @jsxRuntime automatic @jsxImportSource react */
import type { EmailTemplate, EmailTemplateData } from "./email-data.js";
import { BOOKING_REASON, BookingFacts, CallToAction, EmailLayout, Greeting, Paragraph } from "./email-layout.js";
import { formatMoney, momentInBothZones, oneLine, shortStart } from "./format.js";

type Data = EmailTemplateData["booking-held"];

export function BookingHeld({ booking, checkoutUrl, holdExpiresAt, price }: Data) {
  const amount = formatMoney(price);
  const deadline = momentInBothZones(holdExpiresAt, "holdExpiresAt", booking);
  return (
    <EmailLayout
      preview={`Pay ${amount} by ${deadline.first} to confirm your booking.`}
      heading="Pay to confirm your booking"
      reason={BOOKING_REASON}
    >
      <Greeting name={booking.attendeeName} />
      <Paragraph>
        We are holding {booking.resourceName} for you. Your booking is confirmed once you pay {amount} by{" "}
        <strong>{deadline.combined}</strong>.
      </Paragraph>
      <BookingFacts
        booking={booking}
        extra={[
          ["Price", amount],
          ["Pay by", deadline.combined],
        ]}
      />
      <CallToAction href={checkoutUrl} label={`Pay ${amount}`} />
      <Paragraph>
        If you do not pay in time, the hold ends and the slot is released for others to book. A payment that arrives after someone
        else has booked the slot is refunded.
      </Paragraph>
    </EmailLayout>
  );
}

export const bookingHeld: EmailTemplate<Data> = {
  subject: ({ booking }) => `Payment needed: ${oneLine(booking.resourceName)} on ${shortStart(booking)}`,
  element: (data) => <BookingHeld {...data} />,
};
