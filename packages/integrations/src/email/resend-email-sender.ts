// Resend through its official SDK, within Resend's limits (issue 13).
//
// Batches. sendBatch sends through POST /emails/batch, up to 100 emails a call, in Resend's permissive
// validation mode (`x-batch-validation: permissive`) so that one refused address fails its own slot, not the
// batch. Resend's batch endpoint takes no attachments (its docs, and the SDK's CreateBatchEmailOptions), so a
// message with one (a confirmation's .ics) goes out by itself through POST /emails; so does a batch of one.
//
// Idempotency. Resend takes one Idempotency-Key per request, for 24 hours, and answers a repeated key with the
// same body by replaying its first answer without sending. A single send uses the message's own key, as before.
// A batch uses `batch-` + the SHA-256 of its messages' keys in order: the same messages in the same order give
// the same key, and as the body holds every email, the key can only ever stand for those emails. A retry must
// therefore repeat the exact request, never a new composition holding a message that may have gone out:
// - a 429 is retried here, the same request after the wait Resend names (nothing was sent);
// - after an answer that leaves it open whether Resend sent (network failure, timeout, 5xx, a concurrent
//   request with the key), the slots fail retriable and the request is remembered under each of its messages'
//   keys: a later send or sendBatch holding any of them repeats that request first (Resend replays it, or sends
//   it if it never arrived) and answers from it. This holds within the process. A retry from another process
//   after a crash can compose the message into another batch and send it twice: the same window of risk as a
//   single send without a key, and much rarer than the retries it covers. Messages without a key never share a
//   batch with messages that have one.
// Each email also carries its key as the tag `message_key` (tags reach the dashboard and webhooks, not the
// recipient), so the validating fake can count what it received per message and a test can assert no duplicates.
//
// Rate. Every request waits for a slot of a RequestPacer shared by send and sendBatch (`requestsPerSecond`,
// Resend's default team limit of 5). A 429 (`rate_limit_exceeded`) pauses all requests for the `retry-after`
// (or `ratelimit-reset`) Resend sent and the request is tried again; if that would pass `rateLimitWaitMs` from
// the call (queueing included), the call fails retriable and the delivery queue retries it later.
import { createHash } from "node:crypto";
import { type CreateBatchEmailOptions, type CreateEmailOptions, type ErrorResponse, Resend } from "resend";
import { DeliveryError, deliveryError } from "../delivery-error.js";
import { RequestPacer } from "../request-pacer.js";
import type { BatchSendResult, EmailMessage, EmailSender } from "./email-sender.js";

export interface ResendEmailSenderOptions {
  apiKey: string;
  /** The sender, e.g. `Bookable <bookings@example.com>`; its domain must be verified in Resend. */
  from: string;
  /** Another API server (the fake in tests): its origin, e.g. http://127.0.0.1:41234. */
  baseUrl?: string | undefined;
  /** How long one request may take before it counts as a network failure. */
  timeoutMs?: number | undefined;
  /** Requests a second this process makes to Resend (RESEND_REQUESTS_PER_SECOND); Resend's default is 5 per team. */
  requestsPerSecond?: number | undefined;
  /** How long a send may wait for the rate limit (queued, or after 429s) before it fails retriable. */
  rateLimitWaitMs?: number | undefined;
  /** Milliseconds added to each second of the rate (see RequestPacer); the default suits the internet. */
  rateMarginMs?: number | undefined;
}

const RESEND_API = "https://api.resend.com";
/** Resend's most emails in one batch call. */
export const RESEND_BATCH_LIMIT = 100;
export const RESEND_DEFAULT_REQUESTS_PER_SECOND = 5;
const DEFAULT_RATE_LIMIT_WAIT_MS = 20_000;
// Messages whose request's outcome is open, remembered to repeat that request; bounded for a long-running process.
const REMEMBERED_KEYS = 10_000;
// When a 429 names no wait: as long as Resend's window.
const DEFAULT_RATE_LIMIT_PAUSE_MS = 1000;

type ResendError = ErrorResponse;
type ResendAnswer = { data: unknown; error: ResendError | null; headers: Record<string, string> | null };

/** One POST to Resend, kept as it was sent so that it can be repeated exactly. */
interface ResendRequest {
  kind: "single" | "batch";
  /** The messages' own keys, in the order of `emails`. */
  keys: (string | undefined)[];
  idempotencyKey: string | undefined;
  emails: CreateEmailOptions[];
}

/** Sends email through Resend with the official SDK. Failures throw DeliveryError; the SDK itself never retries. */
export function createResendEmailSender(options: ResendEmailSenderOptions): EmailSender {
  // Without a key the SDK would fall back to RESEND_API_KEY from the environment; configuration is explicit here.
  if (!options.apiKey) throw new Error("The Resend email sender needs an API key");
  // Passed even when it is the default, so RESEND_BASE_URL in the environment cannot redirect the mail.
  const resend = new Resend(options.apiKey, { baseUrl: options.baseUrl ?? RESEND_API });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const rateLimitWaitMs = options.rateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
  const pacer = new RequestPacer({
    perSecond: options.requestsPerSecond ?? RESEND_DEFAULT_REQUESTS_PER_SECOND,
    marginMs: options.rateMarginMs,
  });
  const secrets = [options.apiKey];
  const unsettled = new UnsettledRequests(REMEMBERED_KEYS);
  // Repeats of an open request under way, so that calls asking for its messages at once share one repeat.
  const repeating = new Map<ResendRequest, Promise<BatchSendResult[]>>();

  function repeat(request: ResendRequest): Promise<BatchSendResult[]> {
    const running = repeating.get(request);
    if (running !== undefined) return running;
    const answers = post(request).finally(() => repeating.delete(request));
    repeating.set(request, answers);
    return answers;
  }

  async function call(request: ResendRequest): Promise<ResendAnswer> {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const [email] = request.emails;
      if (request.kind === "single" && email !== undefined) {
        return await resend.emails.send(email, { idempotencyKey: request.idempotencyKey, signal });
      }
      return await resend.batch.send(request.emails as CreateBatchEmailOptions[], {
        idempotencyKey: request.idempotencyKey,
        batchValidation: "permissive",
        signal,
      });
    } catch (error) {
      // The SDK turns failures into `{ error }`, but a future version might throw, e.g. on the timeout.
      return { data: null, error: { name: "application_error", statusCode: null, message: errorName(error) }, headers: null };
    }
  }

  /** One request, retried after 429s within the bound; one result per email, in order. */
  async function post(request: ResendRequest): Promise<BatchSendResult[]> {
    const deadline = Date.now() + rateLimitWaitMs;
    for (;;) {
      if (!(await pacer.acquire(deadline))) return request.emails.map(() => failed(rateLimitTimeout(rateLimitWaitMs)));
      const answer = await call(request);
      if (answer.error === null) {
        const results = resultsOf(request, answer.data, secrets);
        unsettled.settle(request, results);
        return results;
      }
      const error = answer.error;
      if (error.statusCode === 429 && error.name === "rate_limit_exceeded") {
        const wait = rateLimitPauseMs(answer.headers);
        if (Date.now() + wait <= deadline) {
          pacer.pauseFor(wait);
          continue;
        }
      }
      if (isOpenOutcome(error)) unsettled.remember(request);
      const failure = resendFailure(error, secrets);
      return request.emails.map(() => failed(failure));
    }
  }

  async function sendBatch(messages: EmailMessage[]): Promise<BatchSendResult[]> {
    const results: (BatchSendResult | undefined)[] = messages.map(() => undefined);
    const firstWithKey = new Map<string, number>();
    const repeats: [index: number, first: number][] = [];
    const replays = new Map<ResendRequest, number[]>();
    const alone: number[] = [];
    const keyed: number[] = [];
    const keyless: number[] = [];
    messages.forEach((message, index) => {
      const key = message.idempotencyKey;
      const first = key === undefined ? undefined : firstWithKey.get(key);
      const answered = key === undefined || first !== undefined ? undefined : unsettled.answer(key);
      const open = key === undefined || first !== undefined ? undefined : unsettled.request(key);
      if (key !== undefined && first === undefined) firstWithKey.set(key, index);
      if (first !== undefined) repeats.push([index, first]);
      else if (answered !== undefined) results[index] = answered;
      else if (open !== undefined) replays.set(open, [...(replays.get(open) ?? []), index]);
      else if (message.attachments?.length) alone.push(index);
      else (key === undefined ? keyless : keyed).push(index);
    });

    const requests: { request: ResendRequest; indices: number[] }[] = [
      ...[...replays].map(([request, indices]) => ({ request, indices })),
      ...alone.map((index) => ({ request: singleRequest(options.from, messages, index), indices: [index] })),
      ...[keyed, keyless].flatMap((indices) =>
        chunks(indices, RESEND_BATCH_LIMIT).map((chunk) => ({
          request:
            chunk.length === 1 ? singleRequest(options.from, messages, chunk) : batchRequest(options.from, messages, chunk),
          indices: chunk,
        })),
      ),
    ];
    await Promise.all(
      requests.map(async ({ request, indices }) => {
        const answers = await (replays.has(request) ? repeat(request) : post(request));
        for (const index of indices) {
          // This call asked for it: only the messages of a repeated request that nobody asked for keep an answer.
          if (replays.has(request)) unsettled.answer(messages[index]?.idempotencyKey ?? "");
          // A replayed request answers by the message's place in it; any other by the message's place in the call.
          const slot = replays.has(request) ? request.keys.indexOf(messages[index]?.idempotencyKey) : indices.indexOf(index);
          results[index] = answers[slot] ?? failed(missingAnswer());
        }
      }),
    );
    for (const [index, first] of repeats) results[index] = results[first];
    return results.map((result) => result ?? failed(missingAnswer()));
  }

  return {
    kind: "resend",

    async send(message) {
      const [result] = await sendBatch([message]);
      if (result === undefined) throw missingAnswer();
      if (!result.ok) throw result.error;
      return { id: result.id };
    },

    sendBatch,
  };
}

/**
 * Requests whose outcome is open (Resend may have sent them), by the keys of their messages, and the answers a
 * repeated request gave for messages that were not asked for in that call.
 */
class UnsettledRequests {
  readonly #capacity: number;
  readonly #requests = new Map<string, ResendRequest>();
  readonly #answers = new Map<string, BatchSendResult>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  request(key: string): ResendRequest | undefined {
    return this.#requests.get(key);
  }

  /** Taken once: the delivery log records it, and a later call with the key is a new question. */
  answer(key: string): BatchSendResult | undefined {
    const answer = this.#answers.get(key);
    this.#answers.delete(key);
    return answer;
  }

  remember(request: ResendRequest): void {
    for (const key of request.keys) if (key !== undefined) bounded(this.#requests, key, request, this.#capacity);
  }

  /** The request was answered: its messages are no longer open, and their answers wait for whoever asks next. */
  settle(request: ResendRequest, results: readonly BatchSendResult[]): void {
    request.keys.forEach((key, index) => {
      if (key === undefined || this.#requests.get(key) !== request) return;
      this.#requests.delete(key);
      const result = results[index];
      if (result !== undefined) bounded(this.#answers, key, result, this.#capacity);
    });
  }
}

function bounded<T>(map: Map<string, T>, key: string, value: T, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  // A Map iterates in insertion order, so the first key is the oldest.
  for (const oldest of map.keys()) {
    if (map.size <= capacity) break;
    map.delete(oldest);
  }
}

function singleRequest(from: string, messages: readonly EmailMessage[], at: number | number[]): ResendRequest {
  const [index = 0] = Array.isArray(at) ? at : [at];
  const message = messages[index] as EmailMessage;
  return {
    kind: "single",
    keys: [message.idempotencyKey],
    idempotencyKey: message.idempotencyKey,
    emails: [resendEmail(from, message)],
  };
}

function batchRequest(from: string, messages: readonly EmailMessage[], indices: readonly number[]): ResendRequest {
  const batch = indices.map((index) => messages[index] as EmailMessage);
  const keys = batch.map((message) => message.idempotencyKey);
  const defined = keys.filter((key) => key !== undefined);
  return {
    kind: "batch",
    keys,
    idempotencyKey: defined.length === keys.length ? batchKey(defined) : undefined,
    emails: batch.map((message) => resendEmail(from, message)),
  };
}

/** The same messages in the same order give the same key; 70 characters, within Resend's 256. */
export function batchKey(messageKeys: readonly string[]): string {
  return `batch-${createHash("sha256").update(JSON.stringify(messageKeys)).digest("hex")}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

function resendEmail(from: string, message: EmailMessage): CreateEmailOptions {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    // Resend takes attachment content as base64; the SDK encodes a Buffer so, a string it would send as it is.
    ...(message.attachments?.length
      ? {
          attachments: message.attachments.map((attachment) => ({
            filename: attachment.filename,
            content: Buffer.from(attachment.content, "utf8"),
            contentType: attachment.contentType,
          })),
        }
      : {}),
    // Lets the Resend dashboard and its webhooks tell the templates and the messages apart.
    tags: [
      { name: "template", value: tagValue(message.template) },
      ...(message.idempotencyKey === undefined ? [] : [{ name: "message_key", value: tagValue(message.idempotencyKey) }]),
    ],
  };
}

// Resend allows only ASCII letters, digits, `_` and `-` in tags, at most 256 of them.
function tagValue(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 256) || "none";
}

/** Results per email from a 200 answer: `{ id }` for a single send; `{ data, errors }` for a permissive batch. */
function resultsOf(request: ResendRequest, data: unknown, secrets: readonly string[]): BatchSendResult[] {
  if (request.kind === "single") {
    const id = isRecord(data) && typeof data.id === "string" ? data.id : undefined;
    return [id === undefined ? failed(missingAnswer()) : { ok: true, id }];
  }
  const created = isRecord(data) && Array.isArray(data.data) ? data.data : [];
  const refused = new Map<number, string>();
  for (const error of isRecord(data) && Array.isArray(data.errors) ? data.errors : []) {
    if (isRecord(error) && typeof error.index === "number") refused.set(error.index, String(error.message ?? "refused"));
  }
  // `data` lists the created emails in the order they were sent, skipping the refused ones.
  let next = 0;
  return request.emails.map((_email, index) => {
    const message = refused.get(index);
    if (message !== undefined) {
      // Refused for its own data (an address, a field): the same every time it is tried.
      return failed(deliveryError({ provider: "Resend", status: 422, code: "validation_error", detail: message }, secrets));
    }
    const entry: unknown = created[next++];
    return isRecord(entry) && typeof entry.id === "string" ? { ok: true, id: entry.id } : failed(missingAnswer());
  });
}

/** Milliseconds a 429 asks to wait: `retry-after` (seconds or an HTTP date), else `ratelimit-reset` (seconds). */
export function rateLimitPauseMs(headers: Record<string, string> | null, now = Date.now()): number {
  const retryAfter = headers?.["retry-after"];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers?.["ratelimit-reset"]);
  return Number.isFinite(reset) && reset >= 0 ? reset * 1000 : DEFAULT_RATE_LIMIT_PAUSE_MS;
}

/** Whether Resend may have sent the emails despite the error: then only the same request may be tried again. */
function isOpenOutcome(error: ResendError): boolean {
  return (
    error.statusCode === null ||
    (error.statusCode !== undefined && error.statusCode >= 500) ||
    error.name === "concurrent_idempotent_requests"
  );
}

function resendFailure(error: ResendError, secrets: readonly string[]): DeliveryError {
  // The SDK reports a network failure as `application_error` without a status.
  const status = error.statusCode ?? undefined;
  return deliveryError(
    {
      provider: "Resend",
      status,
      code: error.name,
      detail: error.message,
      // Another request with the same key is still running: retrying later gets its answer.
      ...(error.name === "concurrent_idempotent_requests" ? { retriable: true } : {}),
      ...(status === undefined && error.name !== "application_error" ? { retriable: false } : {}),
    },
    secrets,
  );
}

function rateLimitTimeout(waitMs: number): DeliveryError {
  return new DeliveryError(`Resend's rate limit held the email back for more than ${Math.round(waitMs / 1000)} s; not sent`, {
    retriable: true,
    status: 429,
    code: "rate_limit_exceeded",
  });
}

function missingAnswer(): DeliveryError {
  return new DeliveryError("Resend's answer had no id for the email", { retriable: false, status: 200, code: "missing_id" });
}

function failed(error: DeliveryError): BatchSendResult {
  return { ok: false, error };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
}
