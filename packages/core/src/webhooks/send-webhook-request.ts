import { type LookupAddress, lookup as resolveHostname } from "node:dns";
import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPublicAddress } from "./webhook-addresses.js";

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookRequestSettings {
  timeoutMs: number;
  /** False in production: the SSRF guard refuses every address but global unicast (webhook-addresses.ts). */
  allowPrivateAddresses: boolean;
}

/** What one POST came to: an HTTP answer (any status), or no answer at all (refused, timed out, blocked). */
export type WebhookResponse =
  | { answered: true; status: number; ms: number }
  | { answered: false; error: string; ms: number; blocked: boolean };

/** The SSRF guard refused the address: nothing was sent. */
export class BlockedAddressError extends Error {
  constructor(hostname: string, addresses: string[]) {
    super(`${hostname} resolves to ${addresses.join(", ") || "no address"}, which is not a public address`);
    this.name = "BlockedAddressError";
  }
}

/**
 * POSTs one delivery, never following redirects (a 3xx is an answer, and not a success), within the timeout
 * for the whole exchange. With private addresses refused, the host name is resolved here and the connection
 * goes to the very address that was checked (a lookup hook on the socket), so a DNS answer that changes
 * between check and connect (rebinding) cannot reach an internal service.
 */
export function sendWebhookRequest(request: WebhookRequest, settings: WebhookRequestSettings): Promise<WebhookResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const unreachable = (error: unknown) =>
      resolve({
        answered: false,
        error: error instanceof Error ? error.message : String(error),
        ms: elapsed(),
        blocked: error instanceof BlockedAddressError,
      });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch (error) {
      unreachable(error);
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      unreachable(new Error(`${url.protocol} URLs are not delivered to`));
      return;
    }
    // A literal IP never goes through the lookup: it is checked here.
    const literal = url.hostname.replace(/^\[|\]$/g, "");
    if (!settings.allowPrivateAddresses && isIP(literal) !== 0 && !isPublicAddress(literal)) {
      unreachable(new BlockedAddressError(literal, [literal]));
      return;
    }
    const options: RequestOptions = {
      method: "POST",
      headers: { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) },
      signal: AbortSignal.timeout(settings.timeoutMs),
      ...(settings.allowPrivateAddresses ? {} : { lookup: publicAddressesOnly }),
    };
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const outgoing = send(url, options, (response) => {
      // The body is not used: read and dropped, so the connection closes cleanly.
      response.resume();
      resolve({ answered: true, status: response.statusCode ?? 0, ms: elapsed() });
    });
    outgoing.on("error", (error) =>
      unreachable(error.name === "AbortError" ? new Error(`no answer within ${settings.timeoutMs} ms`) : error),
    );
    outgoing.end(request.body);
  });
}

/** A socket lookup that resolves the host and hands over only public addresses, or fails. */
const publicAddressesOnly: LookupFunction = (hostname, options, callback) => {
  resolveHostname(hostname, { family: options.family ?? 0, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, "", 0);
      return;
    }
    const allowed = addresses.filter((candidate) => isPublicAddress(candidate.address));
    const [first] = allowed;
    if (!first) {
      callback(
        new BlockedAddressError(
          hostname,
          addresses.map((candidate) => candidate.address),
        ),
        "",
        0,
      );
      return;
    }
    if (options.all) (callback as (error: null, addresses: LookupAddress[]) => void)(null, allowed);
    else callback(null, first.address, first.family);
  });
};
