import { bookingOutput, checkoutSessionIdInput, localCheckoutOutput } from "@bookable/validators";
import { protectedProcedure, router } from "../trpc.js";

// Local payment mode only (no Stripe keys): the development checkout page. Each answers NOT_FOUND when
// Stripe is configured. Not part of the REST API: a program pays through Stripe Checkout like a person.
export const paymentsRouter = router({
  localCheckout: protectedProcedure
    .input(checkoutSessionIdInput)
    .output(localCheckoutOutput)
    .query(({ ctx, input }) => ctx.services.payments.localCheckout(ctx.user, input.sessionId)),

  payLocalCheckout: protectedProcedure
    .input(checkoutSessionIdInput)
    .output(bookingOutput)
    .mutation(({ ctx, input }) => ctx.services.payments.payLocalCheckout(ctx.user, input.sessionId)),

  abandonLocalCheckout: protectedProcedure
    .input(checkoutSessionIdInput)
    .output(bookingOutput)
    .mutation(({ ctx, input }) => ctx.services.payments.abandonLocalCheckout(ctx.user, input.sessionId)),
});
