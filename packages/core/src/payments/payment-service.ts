import type { BookingOutput, LocalCheckoutOutput } from "@bookable/validators";
import type { BookingViewer } from "../booking-store/find-booking.js";
import { abandonLocalCheckout, getLocalCheckout, payLocalCheckout } from "./local-checkout.js";
import type { PaymentDependencies } from "./payment-dependencies.js";

/**
 * Payments as the API offers them, with their dependencies bound (issue 14). Only the local development
 * checkout is a procedure: Stripe's side arrives by webhook (apps/server), not through the API.
 */
export interface PaymentService {
  localCheckout(viewer: BookingViewer, sessionId: string): Promise<LocalCheckoutOutput>;
  payLocalCheckout(viewer: BookingViewer, sessionId: string): Promise<BookingOutput>;
  abandonLocalCheckout(viewer: BookingViewer, sessionId: string): Promise<BookingOutput>;
}

export function createPaymentService(deps: PaymentDependencies): PaymentService {
  return {
    localCheckout: (viewer, sessionId) => getLocalCheckout(deps, viewer, sessionId),
    payLocalCheckout: (viewer, sessionId) => payLocalCheckout(deps, viewer, sessionId),
    abandonLocalCheckout: (viewer, sessionId) => abandonLocalCheckout(deps, viewer, sessionId),
  };
}
