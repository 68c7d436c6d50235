import type { PaymentOutput } from "@bookable/validators";
import { Badge, type BadgeTone } from "./badge.js";

/** A payment in a word or two; a refund, once started, says more than the payment it undoes. */
function look(payment: PaymentOutput): { label: string; tone: BadgeTone } {
  if (payment.refund) {
    if (payment.refund.status === "succeeded") return { label: "Refunded", tone: "neutral" };
    if (payment.refund.status === "pending") return { label: "Refund pending", tone: "warning" };
    return { label: "Refund failed", tone: "warning" };
  }
  if (payment.status === "paid") return { label: "Paid", tone: "success" };
  if (payment.status === "awaiting_payment") return { label: "Awaiting payment", tone: "warning" };
  return { label: "Unpaid", tone: "neutral" };
}

export interface PaymentStatusBadgeProps {
  /** Null for a free booking, which shows nothing. */
  payment: PaymentOutput | null;
}

/** A priced booking's payment: "Paid", "Awaiting payment", "Unpaid", "Refunded" or "Refund pending". */
export function PaymentStatusBadge({ payment }: PaymentStatusBadgeProps) {
  if (!payment) return null;
  const { label, tone } = look(payment);
  return <Badge tone={tone}>{label}</Badge>;
}
