/** @jsxRuntime automatic @jsxImportSource react */
import { Link } from "@react-email/components";
import { bookingCalendarEvent, googleCalendarUrl, outlookCalendarUrl } from "./calendar-links.js";
import type { BookingEmailDetails } from "./email-data.js";
import { Paragraph } from "./email-layout.js";

/**
 * "Add to your calendar": Google Calendar and Outlook links (the event in the URL), and the signed `.ics` link
 * when the message has one (confirmations: a file that stays up to date if the booking changes).
 */
export function AddToCalendar({ booking, calendarUrl }: { booking: BookingEmailDetails; calendarUrl?: string | undefined }) {
  const event = bookingCalendarEvent(booking);
  return (
    <Paragraph>
      Add it to your calendar: <Link href={googleCalendarUrl(event)}>Google Calendar</Link> ·{" "}
      <Link href={outlookCalendarUrl(event)}>Outlook</Link>
      {calendarUrl ? (
        <>
          {" "}
          · <Link href={calendarUrl}>{calendarUrl}</Link> (an .ics file for any other calendar, which stays up to date if the
          booking changes).
        </>
      ) : (
        "."
      )}
    </Paragraph>
  );
}
