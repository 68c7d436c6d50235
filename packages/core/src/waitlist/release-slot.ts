import { type DatabaseExecutor, resources } from "@bookable/db";
import { eq } from "drizzle-orm";
import type { BookingRecord } from "../booking-store/find-booking.js";
import { openCheckout } from "../payments/open-checkout.js";
import { offerFreedSeats, type WaitlistSlot } from "./offer-freed-seats.js";
import type { WaitlistDependencies } from "./waitlist-dependencies.js";

/**
 * Offers a slot's free seats to its waitlist inside a transaction that holds the slot's range locks (the
 * release that freed them, or the sweep); returns what must run after the commit: opening the checkouts of
 * priced offers (a call to the provider never runs inside a transaction).
 */
export async function offerInTransaction(
  deps: WaitlistDependencies,
  transaction: DatabaseExecutor,
  slot: WaitlistSlot,
  now: Date,
): Promise<SlotOffers> {
  const [resource] = await transaction.select().from(resources).where(eq(resources.id, slot.resourceId));
  if (!resource) return { count: 0, afterCommit: async () => {} };
  const offers = await offerFreedSeats(
    transaction,
    { offerMinutes: deps.offerMinutes, paymentMode: deps.payments.gateway?.mode ?? null, outbox: deps.payments.outbox },
    resource,
    slot,
    now,
  );
  return { count: offers.length, afterCommit: () => openOfferCheckouts(deps, offers) };
}

export interface SlotOffers {
  count: number;
  /** Run after the commit. */
  afterCommit(): Promise<void>;
}

/** Opens the checkout of each priced offer; one the provider refuses is released (openCheckout) and the sweep offers it on. */
export async function openOfferCheckouts(deps: WaitlistDependencies, offers: BookingRecord[]): Promise<void> {
  for (const offer of offers) {
    if (!offer.payment) continue;
    try {
      await openCheckout(deps.payments, offer);
    } catch (error) {
      deps.payments.log.warn({ err: error, bookingId: offer.booking.id }, "the checkout of a waitlist offer did not open");
    }
  }
}
