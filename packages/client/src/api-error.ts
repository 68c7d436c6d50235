import type { components } from "./generated/api.js";

type ErrorBody = components["schemas"]["ErrorResponse"]["error"];

/** A 4xx or 5xx answer of the API, with the fields of its `{ error: { code, message, issues?, errorId } }` body. */
export class BookableApiError extends Error {
  override readonly name = "BookableApiError";
  readonly status: number;
  readonly code: ErrorBody["code"] | undefined;
  readonly issues: ErrorBody["issues"];
  readonly errorId: string | undefined;

  constructor(status: number, body: unknown) {
    const error = isErrorBody(body) ? body.error : undefined;
    super(error?.message ?? `The API answered ${status}`);
    this.status = status;
    this.code = error?.code;
    this.issues = error?.issues;
    this.errorId = error?.errorId;
  }
}

function isErrorBody(body: unknown): body is { error: ErrorBody } {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const { error } = body;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

type Outcome<Data> = { data: Data; error?: never; response: Response } | { data?: never; error: unknown; response: Response };

/** The data of a successful call, or a thrown BookableApiError: `const me = unwrap(await client.GET("/me"))`. */
export function unwrap<Data>(outcome: Outcome<Data>): NonNullable<Data> {
  if (outcome.response.ok && outcome.data !== undefined && outcome.data !== null) return outcome.data;
  throw new BookableApiError(outcome.response.status, outcome.error);
}
