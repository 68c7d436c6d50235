import type { BookingOutput } from "@bookable/validators";
import { ButtonLink } from "./button-link.js";

export interface BookAgainLinkProps {
  booking: Pick<BookingOutput, "resourceId" | "resourceName" | "start">;
  className?: string;
}

/**
 * "Book again" on a past or cancelled booking (issue 15): the resource's page, whose month calendar opens
 * on the next day with a free slot. The accessible name says which resource, as a list has many of these.
 */
export function BookAgainLink({ booking, className }: BookAgainLinkProps) {
  return (
    <ButtonLink
      to={`/resources/${booking.resourceId}`}
      variant="secondary"
      aria-label={`Book again: ${booking.resourceName}`}
      className={className}
    >
      Book again
    </ButtonLink>
  );
}
