import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient.js";
import { DeliveryError, deliveryError } from "../delivery-error.js";
import { OncePerKey } from "../email/once-per-key.js";
import { RequestPacer } from "../request-pacer.js";
import { findSentTwilioMessage } from "./find-sent-twilio-message.js";
import type { SentSms, SmsSender } from "./sms-sender.js";

export interface TwilioSmsSenderOptions {
  /** `AC...`; also the Basic auth user. */
  accountSid: string;
  authToken: string;
  /** The sender: a Twilio number in E.164, an alphanumeric sender id, or a Messaging Service sid (`MG...`). */
  from: string;
  /** Another API server (the fake in tests): its origin, e.g. http://127.0.0.1:41234. */
  apiBase?: string | undefined;
  /** How long one request may take before it counts as a network failure. */
  timeoutMs?: number | undefined;
  /** Messages a second from this sender (TWILIO_MESSAGES_PER_SECOND): 1 for a long code, more for others. */
  messagesPerSecond?: number | undefined;
  /** How long a send may wait for the rate (queued, or backing off after 429s) before it fails retriable. */
  rateLimitWaitMs?: number | undefined;
  /** Milliseconds added to each second of the rate (see RequestPacer). */
  rateMarginMs?: number | undefined;
}

/** A long code's rate: Twilio sends 1 message a second from it (toll-free and short codes send more). */
export const TWILIO_DEFAULT_MESSAGES_PER_SECOND = 1;
const DEFAULT_RATE_LIMIT_WAIT_MS = 20_000;
// Twilio's 429 (error 20429) names no wait: back off from a second, doubling, with jitter so that senders part.
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 8000;

// Twilio's Messages API takes no idempotency key, so a key is honoured only within this process: a retry after
// a restart, or from another process, can send the message again. The delivery log's states keep that rare.
const REMEMBERED_KEYS = 10_000;

/** Sends text messages through Twilio with the official SDK. Failures throw DeliveryError; the SDK never retries. */
export function createTwilioSmsSender(options: TwilioSmsSenderOptions): SmsSender {
  const timeout = options.timeoutMs ?? 15_000;
  const client = twilio(options.accountSid, options.authToken, {
    timeout,
    autoRetry: false,
    // The SDK has no base-URL option; an HTTP client that rewrites the URLs it is given stands in for one.
    ...(options.apiBase ? { httpClient: new RebasedRequestClient(options.apiBase, { timeout }) } : {}),
  });
  const sender = /^MG[0-9a-fA-F]{32}$/.test(options.from) ? { messagingServiceSid: options.from } : { from: options.from };
  const sent = new OncePerKey<SentSms>(REMEMBERED_KEYS);
  const secrets = [options.authToken];
  // Every create waits for a slot, so the queue may call send concurrently without tripping Twilio's limits.
  const pacer = new RequestPacer({
    perSecond: options.messagesPerSecond ?? TWILIO_DEFAULT_MESSAGES_PER_SECOND,
    marginMs: options.rateMarginMs,
  });
  const rateLimitWaitMs = options.rateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;

  return {
    kind: "twilio",

    send: (message) =>
      sent.run(message.idempotencyKey, async () => {
        try {
          const statusCallback = message.statusCallback ? { statusCallback: message.statusCallback } : {};
          const created = await withinRate(pacer, rateLimitWaitMs, () =>
            client.messages.create({ to: message.to, body: message.body, ...sender, ...statusCallback }),
          );
          return { id: created.sid };
        } catch (error) {
          if (error instanceof DeliveryError) throw error;
          if (error instanceof twilio.RestException) {
            const code = error.code === undefined ? undefined : String(error.code);
            throw deliveryError({ provider: "Twilio", status: error.status, code, detail: error.message }, secrets);
          }
          // An axios error: its message names the failure (ECONNREFUSED, a timeout) but its config holds the
          // Authorization header, so only the message is kept.
          const detail = error instanceof Error ? error.message : "unknown error";
          throw deliveryError({ provider: "Twilio", status: undefined, detail }, secrets);
        }
      }),

    findSent: (query) => findSentTwilioMessage(client, sender, query, secrets),
  };
}

/**
 * Runs a request in a slot of the pacer; on Twilio's 429 (error 20429: too many requests) pauses the sender
 * with exponential backoff and tries again, until `waitMs` from the call has passed: then a retriable
 * DeliveryError. A 429 means Twilio refused the request, so trying again cannot send a message twice.
 */
async function withinRate<T>(pacer: RequestPacer, waitMs: number, request: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    if (!(await pacer.acquire(deadline))) throw rateLimitTimeout(waitMs);
    try {
      return await request();
    } catch (error) {
      const limited = error instanceof twilio.RestException && (error.status === 429 || error.code === 20429);
      const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
      if (!limited || Date.now() + backoff > deadline) throw error;
      pacer.pauseFor(backoff);
    }
  }
}

function rateLimitTimeout(waitMs: number): DeliveryError {
  return new DeliveryError(`Twilio's rate held the message back for more than ${Math.round(waitMs / 1000)} s; not sent`, {
    retriable: true,
    status: 429,
    code: "20429",
  });
}

// The hosts the SDK builds URLs for: api.twilio.com, or with an edge and region, e.g. api.dublin.ie1.twilio.com.
const TWILIO_API_ORIGIN = /^https:\/\/api(?:\.[a-z0-9-]+)*\.twilio\.com(?=\/|$)/;

/**
 * Sends every request for Twilio's REST API to another origin instead, e.g. the fake in tests:
 * `twilio(sid, token, { httpClient: new RebasedRequestClient(fake.url) })`.
 */
export class RebasedRequestClient extends twilio.RequestClient {
  readonly #base: string;

  constructor(base: string, options: RequestClient.RequestClientOptions = {}) {
    super(options);
    this.#base = base.replace(/\/+$/, "");
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: opts.uri.replace(TWILIO_API_ORIGIN, this.#base) });
  }
}
