// What the fake remembers between requests, and Stripe's rules for changing it.
import {
  type CheckoutSessionFields,
  completedCustomerDetails,
  type FakeCharge,
  type FakeCheckoutSession,
  type FakePaymentIntent,
  type FakeRefund,
  newCheckoutSession,
  newRefund,
  newSucceededPayment,
  nowInSeconds,
  stripeId,
} from "./fake-stripe-objects.js";
import { type FormParams, integerParam, isRecord, recordParam, stringParam, stringRecordParam } from "./form-params.js";
import { FakeStripeError, resourceMissing } from "./stripe-errors.js";

// Stripe's bounds on a Checkout Session's expires_at, counted from its creation.
const MIN_SESSION_LIFETIME_SECONDS = 30 * 60;
const MAX_SESSION_LIFETIME_SECONDS = 24 * 60 * 60;

function invalidParam(message: string, param: string, code = "parameter_invalid"): FakeStripeError {
  return new FakeStripeError(400, message, { code, param, invalidParams: true });
}

export class FakeStripeState {
  readonly sessions = new Map<string, FakeCheckoutSession>();
  readonly paymentIntents = new Map<string, FakePaymentIntent>();
  readonly charges = new Map<string, FakeCharge>();
  /** In creation order. */
  readonly refunds = new Map<string, FakeRefund>();
  /** Per session: Checkout puts payment_intent_data.metadata, not the session's metadata, on the payment intent. */
  readonly #paymentIntentMetadata = new Map<string, Record<string, string>>();
  readonly #baseUrl: string;

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl;
  }

  reset(): void {
    this.sessions.clear();
    this.paymentIntents.clear();
    this.charges.clear();
    this.refunds.clear();
    this.#paymentIntentMetadata.clear();
  }

  /** `params` is the validated body, so its values already have the schema's types. */
  createCheckoutSession(params: FormParams): FakeCheckoutSession {
    const created = nowInSeconds();
    const mode = stringParam(params, "mode");
    if (mode === undefined) throw invalidParam("Missing required param: mode.", "mode", "parameter_missing");
    const { amount, currency } = lineItemsTotal(params, mode);
    const expiresAt = integerParam(params, "expires_at") ?? created + MAX_SESSION_LIFETIME_SECONDS;
    if (expiresAt < created + MIN_SESSION_LIFETIME_SECONDS) {
      throw invalidParam("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "expires_at");
    }
    if (expiresAt > created + MAX_SESSION_LIFETIME_SECONDS) {
      throw invalidParam("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", "expires_at");
    }
    const id = stripeId("cs_test", 58);
    const fields: CheckoutSessionFields = {
      id,
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: stringParam(params, "cancel_url") ?? null,
      client_reference_id: stringParam(params, "client_reference_id") ?? null,
      created,
      currency,
      customer_email: stringParam(params, "customer_email") ?? null,
      expires_at: expiresAt,
      locale: stringParam(params, "locale") ?? null,
      metadata: stringRecordParam(params, "metadata") ?? {},
      mode,
      success_url: stringParam(params, "success_url") ?? null,
      url: `${this.#baseUrl}/pay/${id}`,
    };
    const session = newCheckoutSession(fields);
    this.#paymentIntentMetadata.set(id, stringRecordParam(recordParam(params, "payment_intent_data") ?? {}, "metadata") ?? {});
    this.sessions.set(id, session);
    return session;
  }

  session(id: string): FakeCheckoutSession {
    const session = this.sessions.get(id);
    if (session === undefined) throw resourceMissing("checkout.session", id, "session");
    return session;
  }

  /** What both the expire endpoint and Stripe's own expiry at expires_at do. */
  expireSession(id: string): FakeCheckoutSession {
    const session = this.session(id);
    if (session.status !== "open") {
      throw new FakeStripeError(
        400,
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
      );
    }
    session.status = "expired";
    session.url = null;
    return session;
  }

  /** The customer pays: the session completes with a succeeded payment intent and charge. */
  completeSession(id: string): FakeCheckoutSession {
    const session = this.session(id);
    if (session.status !== "open") {
      throw new FakeStripeError(400, `Checkout Session ${id} cannot be completed: its status is "${session.status}".`);
    }
    const email = session.customer_email ?? "customer@example.com";
    const { paymentIntent, charge } = newSucceededPayment({
      amount: session.amount_total,
      currency: session.currency ?? "eur",
      metadata: this.#paymentIntentMetadata.get(id) ?? {},
      email,
    });
    this.paymentIntents.set(paymentIntent.id, paymentIntent);
    this.charges.set(charge.id, charge);
    session.status = "complete";
    session.payment_status = "paid";
    session.payment_intent = paymentIntent.id;
    session.customer_details = completedCustomerDetails(email);
    session.url = null;
    return session;
  }

  paymentIntent(id: string, param = "intent", status = 404): FakePaymentIntent {
    const paymentIntent = this.paymentIntents.get(id);
    if (paymentIntent === undefined) throw withStatus(resourceMissing("payment_intent", id, param), status);
    return paymentIntent;
  }

  charge(id: string, param = "charge", status = 404): FakeCharge {
    const charge = this.charges.get(id);
    if (charge === undefined) throw withStatus(resourceMissing("charge", id, param), status);
    return charge;
  }

  refund(id: string): FakeRefund {
    const refund = this.refunds.get(id);
    if (refund === undefined) throw resourceMissing("refund", id, "refund");
    return refund;
  }

  /** Refunds `amount`, by default whatever of the charge is not refunded yet. */
  createRefund(params: FormParams): FakeRefund {
    const charge = this.#chargeToRefund(params);
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining <= 0) {
      throw new FakeStripeError(400, `Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded" });
    }
    const amount = integerParam(params, "amount") ?? remaining;
    if (amount < 1) throw invalidParam("Invalid positive integer", "amount");
    if (amount > remaining) {
      throw new FakeStripeError(
        400,
        `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
        { code: "amount_too_large", param: "amount" },
      );
    }
    const refund = newRefund({
      amount,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      currency: charge.currency,
      reason: stringParam(params, "reason") ?? null,
      metadata: stringRecordParam(params, "metadata") ?? {},
    });
    this.refunds.set(refund.id, refund);
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount;
    const refunds = charge.refunds;
    if (isRecord(refunds) && Array.isArray(refunds.data)) refunds.data.unshift(refund);
    return refund;
  }

  #chargeToRefund(params: FormParams): FakeCharge {
    const chargeId = stringParam(params, "charge");
    // A reference in the body to an unknown object is a 400, unlike an unknown object in the path.
    if (chargeId !== undefined) return this.charge(chargeId, "charge", 400);
    const paymentIntentId = stringParam(params, "payment_intent");
    if (paymentIntentId === undefined) {
      throw invalidParam(
        "One of the following params should be provided for this request: payment_intent or charge.",
        "payment_intent",
        "parameter_missing",
      );
    }
    const paymentIntent = this.paymentIntent(paymentIntentId, "payment_intent", 400);
    return this.charge(paymentIntent.latest_charge, "payment_intent", 400);
  }

  /**
   * A copy of `object` for a response, with the ids named by `expand` (`payment_intent`,
   * `payment_intent.latest_charge`, `data.charge`) replaced by the objects the fake holds.
   */
  view(object: Record<string, unknown>, expand: readonly string[] = []): Record<string, unknown> {
    const copy = structuredClone(object);
    for (const path of expand) this.#expand(copy, path.split("."));
    return copy;
  }

  #expand(target: unknown, [field, ...rest]: string[]): void {
    if (field === undefined) return;
    if (Array.isArray(target)) {
      for (const item of target) this.#expand(item, [field, ...rest]);
      return;
    }
    if (!isRecord(target)) return;
    const current = target[field];
    if (typeof current === "string") {
      const found = this.#lookup(current);
      // An id the fake does not hold stays an id rather than failing the whole request.
      if (found === undefined) return;
      target[field] = structuredClone(found);
    }
    this.#expand(target[field], rest);
  }

  #lookup(id: string): Record<string, unknown> | undefined {
    return this.sessions.get(id) ?? this.paymentIntents.get(id) ?? this.charges.get(id) ?? this.refunds.get(id);
  }
}

function withStatus(error: FakeStripeError, status: number): FakeStripeError {
  if (error.status === status) return error;
  return new FakeStripeError(status, error.message, { type: error.type, code: error.code, param: error.param });
}

// `3000, "eur"` → `€30.00`, like Stripe's messages (two-decimal currencies only, which is all Bookable uses).
function formatAmount(amount: number, currency: string): string {
  return new Intl.NumberFormat("en", { style: "currency", currency }).format(amount / 100);
}

/** The session's amount and currency from its `line_items`, with the checks Stripe makes on them. */
function lineItemsTotal(params: FormParams, mode: string): { amount: number; currency: string | null } {
  const items = params.line_items;
  if (items === undefined || (Array.isArray(items) && items.length === 0)) {
    if (mode === "payment") throw invalidParam("Missing required param: line_items.", "line_items", "parameter_missing");
    return { amount: 0, currency: null };
  }
  if (!Array.isArray(items)) throw invalidParam("Invalid array", "line_items");
  let amount = 0;
  let currency: string | null = null;
  items.forEach((item: unknown, index) => {
    const param = `line_items[${index}]`;
    if (!isRecord(item)) throw invalidParam("Invalid object", param);
    const quantity = integerParam(item, "quantity");
    if (quantity === undefined) {
      throw invalidParam(`Missing required param: ${param}[quantity].`, `${param}[quantity]`, "parameter_missing");
    }
    const priceData = recordParam(item, "price_data");
    if (priceData === undefined) {
      // A Price object by id: the fake has no prices, so it cannot know the amount.
      if (stringParam(item, "price") === undefined) {
        throw invalidParam(`You must specify either \`price\` or \`price_data\` in ${param}.`, param, "parameter_missing");
      }
      return;
    }
    const itemCurrency = stringParam(priceData, "currency")?.toLowerCase();
    if (currency !== null && itemCurrency !== currency) {
      throw invalidParam("All line items must use the same currency.", `${param}[price_data][currency]`);
    }
    currency = itemCurrency ?? null;
    const decimal = stringParam(priceData, "unit_amount_decimal");
    const unitAmount =
      integerParam(priceData, "unit_amount") ?? (decimal === undefined ? undefined : Math.round(Number(decimal)));
    if (unitAmount === undefined) {
      throw invalidParam(
        `Missing required param: ${param}[price_data][unit_amount].`,
        `${param}[price_data][unit_amount]`,
        "parameter_missing",
      );
    }
    if (stringParam(priceData, "product") === undefined && recordParam(priceData, "product_data") === undefined) {
      throw invalidParam(
        `You must specify either \`product\` or \`product_data\` in ${param}[price_data].`,
        `${param}[price_data]`,
        "parameter_missing",
      );
    }
    amount += unitAmount * quantity;
  });
  return { amount, currency };
}
