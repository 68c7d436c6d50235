import type { BookingOutput } from "@bookable/validators";
import { Badge, type BadgeTone } from "./badge.js";

const looks: Record<BookingOutput["status"], { label: string; tone: BadgeTone }> = {
  held: { label: "Held", tone: "warning" },
  confirmed: { label: "Confirmed", tone: "success" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  expired: { label: "Expired", tone: "neutral" },
};

export interface BookingStatusBadgeProps {
  status: BookingOutput["status"];
}

/** A booking's status in a word. */
export function BookingStatusBadge({ status }: BookingStatusBadgeProps) {
  const look = looks[status];
  return <Badge tone={look.tone}>{look.label}</Badge>;
}
