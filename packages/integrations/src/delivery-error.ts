// How the email and SMS adapters report a failed send, so the delivery queue can tell a failure worth
// retrying from one that will fail again however often it is tried.

export interface DeliveryErrorOptions {
  retriable: boolean;
  /** The provider's HTTP status; undefined when it could not be reached. */
  status?: number | undefined;
  /** The provider's own error code, e.g. Resend's `validation_error` or Twilio's `21211`. */
  code?: string | undefined;
}

/**
 * A provider refused a message or could not be reached. Its message is stored in the delivery log and
 * logged, so it never contains a credential; it may contain the provider's own error message. It carries no
 * `cause`: the HTTP libraries' errors hold the request's headers, Authorization included.
 */
export class DeliveryError extends Error {
  /** Sending the same message again later can succeed: the network failed, the provider was busy or down. */
  readonly retriable: boolean;
  readonly status: number | undefined;
  readonly code: string | undefined;

  constructor(message: string, options: DeliveryErrorOptions) {
    super(message);
    this.name = "DeliveryError";
    this.retriable = options.retriable;
    this.status = options.status;
    this.code = options.code;
  }
}

/**
 * Network failures (no status), timeouts, rate limits and provider outages pass if tried again later; any
 * other 4xx (a bad address, a malformed request) fails the same way every time.
 */
export function isRetriableStatus(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

export interface ProviderFailure {
  /** E.g. "Resend". */
  provider: string;
  status: number | undefined;
  code?: string | undefined;
  /** The provider's message, or what went wrong on the way to it. */
  detail: string;
  /** Defaults to what the status says (isRetriableStatus). */
  retriable?: boolean;
}

/** The DeliveryError for a failure, with every secret the adapter knows blanked out of its message. */
export function deliveryError(failure: ProviderFailure, secrets: readonly string[]): DeliveryError {
  const { provider, status, code } = failure;
  const what =
    status === undefined ? `${provider} could not be reached` : `${provider} answered ${status}${code ? ` (${code})` : ""}`;
  return new DeliveryError(withoutSecrets(`${what}: ${failure.detail}`, secrets), {
    retriable: failure.retriable ?? isRetriableStatus(status),
    status,
    code,
  });
}

// In case a provider or a library echoes a credential back in an error message.
function withoutSecrets(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length > 0).reduce((result, secret) => result.replaceAll(secret, "[redacted]"), text);
}
