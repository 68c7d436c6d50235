// For tests of code that sends email or SMS: the adapters report a failed send as a DeliveryError.
import { DeliveryError } from "../delivery-error.js";

/** The DeliveryError a send failed with; throws when it succeeded or failed with anything else. */
export async function deliveryFailure(sending: Promise<unknown>): Promise<DeliveryError> {
  const error = await sending.then(
    () => new Error("Expected the send to fail, but it succeeded"),
    (reason: unknown) => reason,
  );
  if (error instanceof DeliveryError) return error;
  throw error instanceof Error ? error : new Error(`Expected a DeliveryError, got ${String(error)}`);
}
