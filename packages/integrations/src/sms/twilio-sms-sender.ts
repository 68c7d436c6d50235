import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient.js";
import { deliveryError } from "../delivery-error.js";
import { OncePerKey } from "../email/once-per-key.js";
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
}

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

  return {
    kind: "twilio",

    send: (message) =>
      sent.run(message.idempotencyKey, async () => {
        try {
          const statusCallback = message.statusCallback ? { statusCallback: message.statusCallback } : {};
          const created = await client.messages.create({ to: message.to, body: message.body, ...sender, ...statusCallback });
          return { id: created.sid };
        } catch (error) {
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
