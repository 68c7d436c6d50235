// The operations the fake models, by the operationId of Stripe's OpenAPI document. Every other valid
// operation answers with a fixture (see fixtureResponseFor).
import type { FakeStripeState } from "./fake-stripe-state.js";
import { type FormParams, stringListParam, stringParam } from "./form-params.js";

export interface HandlerRequest {
  path: string;
  pathParams: Record<string, string>;
  /** The validated body (POST) or query (GET, DELETE). */
  params: FormParams;
}

export type OperationHandler = (request: HandlerRequest) => Record<string, unknown>;

export function stripeHandlers(state: FakeStripeState): ReadonlyMap<string, OperationHandler> {
  const view = (object: Record<string, unknown>, request: HandlerRequest) =>
    state.view(object, stringListParam(request.params, "expand"));
  return new Map<string, OperationHandler>([
    ["PostCheckoutSessions", (request) => view(state.createCheckoutSession(request.params), request)],
    [
      "GetCheckoutSessions",
      (request) => {
        const paymentIntent = stringParam(request.params, "payment_intent");
        const sessions = [...state.sessions.values()].filter(
          (session) => paymentIntent === undefined || session.payment_intent === paymentIntent,
        );
        return list(request, sessions.reverse());
      },
    ],
    ["GetCheckoutSessionsSession", (request) => view(state.session(pathParam(request, "session")), request)],
    ["PostCheckoutSessionsSessionExpire", (request) => view(state.expireSession(pathParam(request, "session")), request)],
    ["PostRefunds", (request) => view(state.createRefund(request.params), request)],
    [
      "GetRefunds",
      (request) => {
        const paymentIntent = stringParam(request.params, "payment_intent");
        const charge = stringParam(request.params, "charge");
        const refunds = [...state.refunds.values()].filter(
          (refund) =>
            (paymentIntent === undefined || refund.payment_intent === paymentIntent) &&
            (charge === undefined || refund.charge === charge),
        );
        return list(request, refunds.reverse());
      },
    ],
    ["GetRefundsRefund", (request) => view(state.refund(pathParam(request, "refund")), request)],
    ["GetPaymentIntentsIntent", (request) => view(state.paymentIntent(pathParam(request, "intent")), request)],
    ["GetChargesCharge", (request) => view(state.charge(pathParam(request, "charge")), request)],
  ]);

  /** Newest first, as Stripe lists; pagination cursors are not modelled. */
  function list(request: HandlerRequest, items: Record<string, unknown>[]): Record<string, unknown> {
    const limit = Number(stringParam(request.params, "limit") ?? 10);
    return {
      object: "list",
      data: items.slice(0, limit).map((item) => view(item, { ...request, params: { expand: dataExpansions(request) } })),
      has_more: items.length > limit,
      url: request.path,
    };
  }
}

// On a list, `expand[]=data.payment_intent` expands each item's payment_intent.
function dataExpansions(request: HandlerRequest): string[] {
  return stringListParam(request.params, "expand")
    .filter((path) => path.startsWith("data."))
    .map((path) => path.slice("data.".length));
}

function pathParam(request: HandlerRequest, name: string): string {
  const value = request.pathParams[name];
  // The router only matches a path with every template segment filled, so this is a bug in the fake.
  if (value === undefined) throw new Error(`${request.path} has no {${name}} path parameter`);
  return value;
}
