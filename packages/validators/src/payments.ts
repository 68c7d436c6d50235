import { z } from "zod";
import { paymentModeValues, paymentStatusValues, refundReasonValues, refundStatusValues } from "./enum-values.js";
import { plainText } from "./plain-text.js";

export const paymentStatus = z.enum(paymentStatusValues).meta({
  id: "PaymentStatus",
  description:
    "`awaiting_payment` while the checkout can still be paid; `paid` once the payment succeeded (a refund is shown separately); `unpaid` when the checkout expired or was abandoned without payment.",
});

export const refundStatus = z.enum(refundStatusValues).meta({
  id: "RefundStatus",
  description: "`pending` until the payment provider has confirmed the refund.",
});

export const refundReason = z.enum(refundReasonValues).meta({
  id: "RefundReason",
  description:
    "Why the money goes back: the booker cancelled inside the free-cancellation window; an admin refunded; the payment arrived after the hold expired and the slot was taken meanwhile; the payment arrived after the booking was cancelled; or the refund was made at the payment provider directly.",
});

export const paymentMode = z.enum(paymentModeValues).meta({
  id: "PaymentMode",
  description: "`local` is the development checkout (no money moves); `stripe` is Stripe Checkout.",
});

export const paymentOutput = z
  .object({
    mode: paymentMode,
    status: paymentStatus,
    amount: z.int().meta({ description: "In minor units (cents).", example: 3000 }),
    currency: z.string().meta({ example: "EUR" }),
    paidAt: z.iso.datetime().nullable(),
    refund: z
      .object({
        status: refundStatus,
        amount: z.int(),
        reason: refundReason,
        requestedAt: z.iso.datetime(),
        completedAt: z.iso.datetime().nullable(),
      })
      .nullable()
      .meta({ description: "Present once a refund was started." }),
  })
  .meta({ id: "Payment", description: "The payment of a priced booking." });
export type PaymentOutput = z.infer<typeof paymentOutput>;

export const checkoutSessionIdInput = z.object({
  sessionId: plainText().min(1).max(255),
});

/** The local (development) checkout page's view of one checkout. */
export const localCheckoutOutput = z
  .object({
    sessionId: z.string(),
    bookingId: z.uuid(),
    resourceName: z.string(),
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    timeZone: z.string(),
    seats: z.int(),
    freeCancellationUntil: z.iso.datetime().meta({
      description:
        "Cancelling after paying refunds in full before this time and nothing after it (issue 15: said before paying).",
    }),
    amount: z.int(),
    currency: z.string(),
    status: z.enum(["open", "complete", "expired"]),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "LocalCheckout" });
export type LocalCheckoutOutput = z.infer<typeof localCheckoutOutput>;
