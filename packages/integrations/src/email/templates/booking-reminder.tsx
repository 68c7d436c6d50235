/** @jsxRuntime automatic @jsxImportSource react */
import { AddToCalendar } from "./add-to-calendar.js";
import type { EmailTemplate, EmailTemplateData } from "./email-data.js";
import { BOOKING_REASON, BookingFacts, CallToAction, EmailLayout, Greeting, Paragraph } from "./email-layout.js";
import { oneLine, shortStart } from "./format.js";

type Data = EmailTemplateData["booking-reminder"];

export function BookingReminder({ booking }: Data) {
  return (
    <EmailLayout
      preview={`Reminder: ${oneLine(booking.resourceName)}, ${shortStart(booking)}.`}
      heading="Your booking is coming up"
      reason={BOOKING_REASON}
    >
      <Greeting name={booking.attendeeName} />
      <Paragraph>A reminder of your upcoming booking of {booking.resourceName}.</Paragraph>
      <BookingFacts booking={booking} />
      <Paragraph>If you can no longer come, please cancel from your booking page so someone else can take the slot.</Paragraph>
      <CallToAction href={booking.bookingUrl} label="View your booking" />
      <AddToCalendar booking={booking} />
    </EmailLayout>
  );
}

export const bookingReminder: EmailTemplate<Data> = {
  subject: ({ booking }) => `Reminder: ${oneLine(booking.resourceName)} on ${shortStart(booking)}`,
  element: (data) => <BookingReminder {...data} />,
};
