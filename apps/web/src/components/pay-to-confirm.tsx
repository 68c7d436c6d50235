import type { BookingOutput } from "@bookable/validators";
import { formatDateTime } from "../lib/format-date-time.js";
import { formatPrice } from "../lib/format-price.js";
import { buttonStyles } from "./button-styles.js";
import { RefundPolicyNote } from "./refund-policy-note.js";

export interface PayToConfirmProps {
  booking: Pick<BookingOutput, "price" | "holdExpiresAt" | "freeCancellationUntil">;
  /** The booker's way to the checkout; null for someone else looking on (an admin) or a closed checkout. */
  checkoutUrl: string | null;
}

/**
 * A held booking nobody has paid for yet (issue 15): it says what to do, pay, with the button, rather than
 * "waiting for the payment", which is only true once the booker has paid and the provider is reporting it.
 */
export function PayToConfirm({ booking, checkoutUrl }: PayToConfirmProps) {
  const holdEnds = booking.holdExpiresAt ? formatDateTime(booking.holdExpiresAt, "time") : null;
  return (
    <div className="mt-2 flex flex-col items-start gap-3 text-sm text-stone-700">
      <p>
        <span className="font-medium text-stone-900">{checkoutUrl ? "Pay to confirm." : "Not paid yet."}</span>{" "}
        {holdEnds
          ? `The slot is held until ${holdEnds}; unpaid by then, it is released.`
          : "The slot is held for a little while."}
      </p>
      {checkoutUrl && booking.freeCancellationUntil ? (
        // Said again before paying: the free-cancellation period may have ended while the hold waited.
        <RefundPolicyNote freeCancellationUntil={new Date(booking.freeCancellationUntil)} className="self-stretch" />
      ) : null}
      {checkoutUrl ? (
        // A plain link: the checkout may be on another site (Stripe).
        <a href={checkoutUrl} className={buttonStyles()}>
          Pay {formatPrice(booking.price)} to confirm
        </a>
      ) : null}
    </div>
  );
}
