import { type DatabaseExecutor, paymentEvents } from "@bookable/db";

export interface PaymentEventRecord {
  id: string;
  type: string;
}

/**
 * Records a provider event as processed, in the transaction of the change it causes. False when it was
 * recorded before: the event is a replay and must change nothing. Concurrent deliveries of one event wait on
 * the primary key, and all but the first see it recorded.
 */
export async function recordPaymentEvent(
  transaction: DatabaseExecutor,
  event: PaymentEventRecord | undefined,
  objectId: string | null,
): Promise<boolean> {
  if (!event) return true;
  const inserted = await transaction
    .insert(paymentEvents)
    .values({ id: event.id, type: event.type, objectId })
    .onConflictDoNothing()
    .returning({ id: paymentEvents.id });
  return inserted.length > 0;
}
