/** @jsxRuntime automatic @jsxImportSource react */
import { Link } from "@react-email/components";
import type { EmailTemplate, EmailTemplateData } from "./email-data.js";
import { BOOKING_REASON, BookingFacts, CallToAction, EmailLayout, Greeting, Paragraph } from "./email-layout.js";
import { bookingTimes, oneLine, shortStart } from "./format.js";

type Data = EmailTemplateData["booking-rescheduled"];

/** The one message a moved booking sends (issue 15): the new time first, the old one beside it for reference. */
export function BookingRescheduled({ booking, previous, calendarUrl }: Data) {
  const before = bookingTimes({ ...booking, start: previous.start, end: previous.end }).combined;
  return (
    <EmailLayout
      preview={`${oneLine(booking.resourceName)}: your booking has moved to ${shortStart(booking)}.`}
      heading="Your booking has moved"
      reason={BOOKING_REASON}
    >
      <Greeting name={booking.attendeeName} />
      <Paragraph>Your booking of {booking.resourceName} has moved to a new time. Everything else stays as it was.</Paragraph>
      <BookingFacts booking={booking} extra={[["Was", before]]} />
      <Paragraph>Reminders will come for the new time. Your booking page lets you move or cancel it again.</Paragraph>
      <CallToAction href={booking.bookingUrl} label="View your booking" />
      {calendarUrl ? (
        <Paragraph>
          Update your calendar: <Link href={calendarUrl}>{calendarUrl}</Link> (the same event, moved to the new time).
        </Paragraph>
      ) : null}
    </EmailLayout>
  );
}

export const bookingRescheduled: EmailTemplate<Data> = {
  subject: ({ booking }) => `Moved: ${oneLine(booking.resourceName)} now on ${shortStart(booking)}`,
  element: (data) => <BookingRescheduled {...data} />,
};
