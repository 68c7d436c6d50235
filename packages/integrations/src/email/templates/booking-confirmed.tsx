/** @jsxRuntime automatic @jsxImportSource react */
import { AddToCalendar } from "./add-to-calendar.js";
import type { EmailTemplate, EmailTemplateData } from "./email-data.js";
import { BOOKING_REASON, BookingFacts, CallToAction, EmailLayout, Greeting, Paragraph } from "./email-layout.js";
import { formatMoney, oneLine, shortStart } from "./format.js";

type Data = EmailTemplateData["booking-confirmed"];

export function BookingConfirmed({ booking, paid, calendarUrl }: Data) {
  return (
    <EmailLayout
      preview={`${oneLine(booking.resourceName)}, ${shortStart(booking)}: your booking is confirmed.`}
      heading="Your booking is confirmed"
      reason={BOOKING_REASON}
    >
      <Greeting name={booking.attendeeName} />
      <Paragraph>
        Your booking of {booking.resourceName} is confirmed.
        {paid ? ` We have received your payment of ${formatMoney(paid)}.` : null}
      </Paragraph>
      <BookingFacts booking={booking} extra={paid ? [["Paid", formatMoney(paid)]] : []} />
      <Paragraph>Your booking page has all the details, and lets you cancel if your plans change.</Paragraph>
      <CallToAction href={booking.bookingUrl} label="View your booking" />
      <AddToCalendar booking={booking} calendarUrl={calendarUrl} />
    </EmailLayout>
  );
}

export const bookingConfirmed: EmailTemplate<Data> = {
  subject: ({ booking }) => `Confirmed: ${oneLine(booking.resourceName)} on ${shortStart(booking)}`,
  element: (data) => <BookingConfirmed {...data} />,
};
