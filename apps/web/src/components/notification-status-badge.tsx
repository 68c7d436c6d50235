import type { NotificationOutput } from "@bookable/validators";
import { Badge, type BadgeTone } from "./badge.js";

const looks: Record<NotificationOutput["status"], { label: string; tone: BadgeTone }> = {
  queued: { label: "Queued", tone: "neutral" },
  sending: { label: "Sending", tone: "neutral" },
  retrying: { label: "Retrying", tone: "warning" },
  sent: { label: "Sent", tone: "success" },
  skipped: { label: "Skipped", tone: "neutral" },
  dead: { label: "Dead", tone: "danger" },
  // The provider's word on a sent message (issue 13).
  delivered: { label: "Delivered", tone: "success" },
  bounced: { label: "Bounced", tone: "danger" },
  complained: { label: "Spam complaint", tone: "danger" },
  failed: { label: "Failed", tone: "danger" },
};

export interface NotificationStatusBadgeProps {
  status: NotificationOutput["status"];
}

/** Where a message of the delivery log stands, in a word. */
export function NotificationStatusBadge({ status }: NotificationStatusBadgeProps) {
  const look = looks[status];
  return <Badge tone={look.tone}>{look.label}</Badge>;
}
