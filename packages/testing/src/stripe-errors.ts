// Errors in the shape the Stripe API returns them, so the real SDK maps them onto its own error classes
// (StripeInvalidRequestError, StripeAPIError, StripeIdempotencyError, ...).

export type StripeErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error" | "rate_limit_error";

export interface StripeErrorBody {
  error: {
    type: StripeErrorType;
    message: string;
    code?: string;
    param?: string;
  };
}

export interface FakeStripeErrorOptions {
  type?: StripeErrorType;
  code?: string;
  param?: string;
  /**
   * Real Stripe would refuse the request's parameters (as opposed to refusing an operation that is valid in
   * general but not in the current state), so it counts as a bug in the caller and lands in `invalidRequests`.
   */
  invalidParams?: boolean;
}

/** Thrown by the fake's handlers; the server turns it into a Stripe error response. */
export class FakeStripeError extends Error {
  readonly status: number;
  readonly type: StripeErrorType;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly invalidParams: boolean;

  constructor(status: number, message: string, options: FakeStripeErrorOptions = {}) {
    super(message);
    this.status = status;
    this.type = options.type ?? "invalid_request_error";
    this.code = options.code;
    this.param = options.param;
    this.invalidParams = options.invalidParams ?? false;
  }

  toBody(): StripeErrorBody {
    return stripeErrorBody(this.type, this.message, { code: this.code, param: this.param });
  }
}

export function stripeErrorBody(
  type: StripeErrorType,
  message: string,
  extra: { code?: string | undefined; param?: string | undefined } = {},
): StripeErrorBody {
  return {
    error: {
      type,
      message,
      ...(extra.code === undefined ? {} : { code: extra.code }),
      ...(extra.param === undefined ? {} : { param: extra.param }),
    },
  };
}

export function resourceMissing(resource: string, id: string, param = "id"): FakeStripeError {
  return new FakeStripeError(404, `No such ${resource}: '${id}'`, { code: "resource_missing", param });
}

/** The error type Stripe uses for a status, for failures injected with `failNext`. */
export function errorTypeForStatus(status: number): StripeErrorType {
  if (status >= 500) return "api_error";
  if (status === 429) return "rate_limit_error";
  if (status === 402) return "card_error";
  return "invalid_request_error";
}
