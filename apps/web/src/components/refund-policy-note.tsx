import { classNames } from "../lib/class-names.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { refundBeforePaying } from "../lib/refund-before-paying.js";
import { useNow } from "../lib/use-now.js";
import { Alert } from "./alert.js";

export interface RefundPolicyNoteProps {
  /** Until when cancelling refunds in full (the server's `freeCancellationUntil`, or worked out from the resource). */
  freeCancellationUntil: Date;
  className?: string;
}

/**
 * What cancelling would refund, said before paying (issue 15): nobody should learn after paying that the
 * free-cancellation period was already over. Renewed now and then, so it flips when the deadline passes.
 */
export function RefundPolicyNote({ freeCancellationUntil, className }: RefundPolicyNoteProps) {
  const now = useNow(30_000);
  const policy = refundBeforePaying(freeCancellationUntil, now);
  if (policy.state === "free") {
    return (
      <p className={classNames("text-sm text-stone-700", className)}>
        Free cancellation until {formatDateTime(policy.until.toISOString(), "dateTime")}: cancel before then for a full refund.
      </p>
    );
  }
  return (
    <Alert tone="info" title="Cancelling refunds nothing" className={className}>
      <p>
        The free-cancellation period for this time ended {formatDateTime(policy.endedAt.toISOString(), "dateTime")}. If you pay
        and then cancel, nothing is refunded.
      </p>
    </Alert>
  );
}
