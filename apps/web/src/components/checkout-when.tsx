import { describeTimeZone } from "../lib/describe-time-zone.js";
import { formatDateTimeRange } from "../lib/format-date-time-range.js";
import { viewerTimeZone } from "../lib/viewer-time-zone.js";

export interface CheckoutWhenProps {
  start: string;
  end: string;
  /** The resource's zone. */
  timeZone: string;
}

/**
 * When the booking is, on the checkout page (issue 15): start and end on the booker's clock, and on the
 * resource's when that differs, as the booking page shows them, so what is paid for is not a surprise.
 */
export function CheckoutWhen({ start, end, timeZone }: CheckoutWhenProps) {
  const viewerZone = viewerTimeZone();
  const at = new Date(start);
  return (
    <>
      <time dateTime={start}>{formatDateTimeRange(start, end)}</time>
      <span className="block text-stone-500">Your time, {describeTimeZone(viewerZone, at)}</span>
      {timeZone === viewerZone ? null : (
        <span className="mt-2 block">
          {formatDateTimeRange(start, end, timeZone)}
          <span className="block text-stone-500">Local time there, {describeTimeZone(timeZone, at)}</span>
        </span>
      )}
    </>
  );
}
