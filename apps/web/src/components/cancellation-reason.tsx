import { classNames } from "../lib/class-names.js";

export interface CancellationReasonProps {
  reason: string | null;
  className?: string;
}

/** Why a booking was cancelled, in the canceller's words (issue 15); nothing when no reason was given. */
export function CancellationReason({ reason, className }: CancellationReasonProps) {
  if (!reason) return null;
  return (
    <span className={classNames("block whitespace-pre-line break-words text-stone-700", className)}>
      <span className="font-medium">Reason:</span> {reason}
    </span>
  );
}
