import type { PaymentDependencies } from "../payments/payment-dependencies.js";
import type { ResourceDefinitions } from "../resources/resource-definitions.js";

/** What the waitlist is built with, once at start by the host (issue 15). */
export interface WaitlistDependencies {
  /** Offers of priced slots open a checkout like any held booking; messages go through its outbox. */
  payments: PaymentDependencies;
  /** How long an offered seat is held for the first in line (WAITLIST_OFFER_MINUTES). */
  offerMinutes: number;
  /** The resource and its date overrides, to check that a slot is one the resource offers. */
  resources: ResourceDefinitions;
}
