import type { DatabaseExecutor } from "@bookable/db";
import type { BookingOutput, joinWaitlistInput, listWaitlistInput, WaitlistEntryOutput } from "@bookable/validators";
import type { z } from "zod";
import type { BookingViewer } from "../booking-store/find-booking.js";
import type { Booker } from "../bookings/require-verified-booker.js";
import { acceptOffer } from "./accept-offer.js";
import { joinWaitlist } from "./join-waitlist.js";
import { leaveWaitlist } from "./leave-waitlist.js";
import { listMyWaitlist, listResourceWaitlist } from "./list-waitlist.js";
import type { WaitlistSlot } from "./offer-freed-seats.js";
import { offerInTransaction, type SlotOffers } from "./release-slot.js";
import { runWaitlistSweep } from "./run-waitlist-sweep.js";
import type { WaitlistDependencies } from "./waitlist-dependencies.js";

/** The waitlist as the API offers it, with its dependencies bound (issue 15). */
export interface WaitlistService {
  join(booker: Booker, input: z.output<typeof joinWaitlistInput>): Promise<WaitlistEntryOutput>;
  listMine(userId: string): Promise<{ items: WaitlistEntryOutput[] }>;
  listForResource(input: z.output<typeof listWaitlistInput>): Promise<{ items: WaitlistEntryOutput[] }>;
  /** Leaves (the entry's person) or removes (an admin) an entry; an open offer is declined. */
  leave(viewer: BookingViewer, entryId: string): Promise<WaitlistEntryOutput>;
  accept(userId: string, entryId: string): Promise<BookingOutput>;
  /** Offers free seats of slots people wait for (all, or one resource's); the scheduled sweep and capacity changes. */
  sweep(resourceId?: string, now?: Date): Promise<number>;
  /** For a path that freed seats of a slot, in its transaction, with the slot's range locked (a cancellation). */
  offerFreedSeats(transaction: DatabaseExecutor, slot: WaitlistSlot, now: Date): Promise<SlotOffers>;
}

export function createWaitlistService(deps: WaitlistDependencies): WaitlistService {
  const { db } = deps.payments;
  return {
    join: (booker, input) => joinWaitlist(deps, booker, input),
    listMine: async (userId) => ({ items: await listMyWaitlist(db, userId) }),
    listForResource: async (input) => ({ items: await listResourceWaitlist(db, input) }),
    leave: (viewer, entryId) => leaveWaitlist(deps, viewer, entryId),
    accept: (userId, entryId) => acceptOffer(deps, userId, entryId),
    sweep: (resourceId, now) => runWaitlistSweep(deps, now, resourceId),
    offerFreedSeats: (transaction, slot, now) => offerInTransaction(deps, transaction, slot, now),
  };
}
