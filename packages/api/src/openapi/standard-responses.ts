import { type ErrorCode, errorTable } from "@bookable/validators";

/** An operation of the generated document, as far as the standard parts are concerned. */
export interface DocumentedOperation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

export const IDEMPOTENCY_KEY_HEADER = {
  in: "header",
  name: "Idempotency-Key",
  required: false,
  description:
    "Makes a retry safe: for 24 hours the same key with the same request answers the first response again (status " +
    "included) and changes nothing more; another request with the key answers 422 `IDEMPOTENCY_KEY_REUSED`; while " +
    "the first is still running, 409 `CONFLICT`. Keys are the caller's own. A failed first attempt does not use up " +
    "its key. Use a new random value (a UUID) per intended change.",
  schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" },
  example: "b9d1f4de-2f0e-4b7a-9a53-6f6a2b0c8e11",
};

const WRITE_METHODS = new Set(["post", "put", "patch", "delete"]);

/**
 * The error responses every operation of one kind has, whatever its procedure's meta says: a procedure's
 * `errorResponses` keep their own, more precise, descriptions. So an operation added later is documented
 * completely without anyone remembering to (issue 16).
 */
export function standardErrorResponses(method: string, path: string, operation: DocumentedOperation): Record<string, string> {
  const protectedCall = (operation.security?.length ?? 0) > 0;
  const idempotent = protectedCall && WRITE_METHODS.has(method);
  const takesInput = idempotent || Boolean(operation.requestBody) || (operation.parameters?.length ?? 0) > 0;
  const standard: Record<string, string> = {};
  if (takesInput) standard["400"] = "A field is missing or invalid; `issues` names each one.";
  if (protectedCall) {
    standard["401"] = "No valid credential (bearer token or API key).";
    standard["403"] = "The credential is valid but may not do this.";
  }
  if (path.includes("{")) standard["404"] = "Nothing with this id, or nothing of the caller's.";
  if (idempotent) {
    standard["409"] = "`CONFLICT`: a request with this `Idempotency-Key` is still being processed.";
    standard["422"] = "`IDEMPOTENCY_KEY_REUSED`: the `Idempotency-Key` was used with a different request.";
  }
  standard["429"] =
    "`RATE_LIMITED`: too many requests from this address (`API_RATE_LIMIT_PER_MINUTE`); `Retry-After` says when to retry.";
  standard["500"] = "Unexpected failure; quote the `errorId` when reporting it.";
  return standard;
}

/** Whether the operation honours an Idempotency-Key: every write of a signed-in caller (decision 032). */
export function takesIdempotencyKey(method: string, operation: DocumentedOperation): boolean {
  return WRITE_METHODS.has(method) && (operation.security?.length ?? 0) > 0;
}

// The code an example of each status shows: the table's generic code for it.
const EXAMPLE_CODES: Record<string, ErrorCode> = {
  "400": "VALIDATION_FAILED",
  "401": "UNAUTHENTICATED",
  "403": "FORBIDDEN",
  "404": "NOT_FOUND",
  "409": "CONFLICT",
  "422": "IDEMPOTENCY_KEY_REUSED",
  "429": "RATE_LIMITED",
  "500": "INTERNAL",
};

/** An example error body for a status, in the one error shape. */
export function errorExample(status: string): unknown {
  const code = EXAMPLE_CODES[status] ?? codeOfStatus(Number(status));
  const example = { code, message: errorTable[code].message, errorId: "err_4f9c1d7e2b8a4c3f9e0d1a2b3c4d5e6f" };
  return {
    error: status === "400" ? { ...example, issues: [{ path: "start", message: "Invalid ISO datetime" }] } : example,
  };
}

function codeOfStatus(status: number): ErrorCode {
  const found = (Object.keys(errorTable) as ErrorCode[]).find((code) => errorTable[code].httpStatus === status);
  return found ?? "INTERNAL";
}
