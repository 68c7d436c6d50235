import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../lib/trpc.js";
import { Alert } from "./alert.js";
import { TextLink } from "./text-link.js";

export interface AlreadyBookedAlertProps {
  resourceId: string;
  slot: { start: string; end: string };
}

/** Enough to hold the booking in question unless someone has a hundred bookings before it. */
const LOOKUP_LIMIT = 100;

/**
 * The server answered ALREADY_BOOKED (issue 15): this person booked the time themself, in another tab or
 * a moment ago. The answer names no booking (it says only what the caller may know), so their own upcoming
 * bookings are read to link the one at this time; failing that, the link goes to all their bookings.
 */
export function AlreadyBookedAlert({ resourceId, slot }: AlreadyBookedAlertProps) {
  const trpc = useTRPC();
  const upcoming = useQuery(trpc.bookings.list.queryOptions({ when: "upcoming", limit: LOOKUP_LIMIT }));
  const start = Date.parse(slot.start);
  const end = Date.parse(slot.end);
  const mine = upcoming.data?.items.find(
    (booking) => booking.resourceId === resourceId && Date.parse(booking.start) < end && Date.parse(booking.end) > start,
  );
  return (
    <Alert tone="error" title="You already booked this time">
      <p>
        Nothing new was booked, and what you typed is kept.{" "}
        {mine ? (
          <TextLink to={`/bookings/${mine.id}`}>See your booking</TextLink>
        ) : (
          <TextLink to="/bookings">See your bookings</TextLink>
        )}
      </p>
    </Alert>
  );
}
