import type { WebhookEndpointOutput } from "@bookable/validators";
import { Badge } from "./badge.js";

const looks = {
  enabled: { tone: "success", label: "Enabled" },
  failing: { tone: "warning", label: "Failing" },
  disabled: { tone: "danger", label: "Disabled" },
} as const;

export function WebhookEndpointStatusBadge({ status }: { status: WebhookEndpointOutput["status"] }) {
  const look = looks[status];
  return <Badge tone={look.tone}>{look.label}</Badge>;
}
