import createClient, { type Client } from "openapi-fetch";
import { BookableApiError } from "./api-error.js";
import type { paths } from "./generated/api.js";
import { requestHeadersMiddleware } from "./request-headers.js";
import { abortableSleep, type FetchFunction, retryingFetch } from "./retrying-fetch.js";
import { type BookableTokens, TokenSession } from "./token-session.js";

export interface BookableClientOptions {
  /** The REST API's root, e.g. `https://bookable.example.com/api/v1`. */
  baseUrl: string;
  /** A token pair from `POST /auth/token` to start with (or call `signIn`). An API key fits `accessToken` too. */
  tokens?: BookableTokens;
  /** Called with each new pair (sign-in and every refresh), e.g. to save it: refresh tokens are single-use. */
  onTokens?: (tokens: BookableTokens) => void | Promise<void>;
  /** The fetch to send with; `globalThis.fetch` by default. */
  fetch?: FetchFunction;
  /** Retries after a network error, a 429 or a 503; 3 by default. 0 turns retrying off. */
  maxRetries?: number;
  /** The longest wait between two attempts, whatever `Retry-After` asks; 30 seconds by default. */
  maxRetryDelayMs?: number;
  /** The first wait when there is no `Retry-After`, doubled on each retry; 500 ms by default. */
  retryBaseDelayMs?: number;
  /** How to wait between attempts (tests pass a fake); a timer that an aborted request cuts short by default. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Makes Idempotency-Keys; `crypto.randomUUID` by default. */
  idempotencyKey?: () => string;
}

export type BookableClient = Client<paths> & {
  /** Opens a token session with the password grant and keeps its tokens for the calls that follow. */
  signIn(credentials: { email: string; password: string }): Promise<BookableTokens>;
  /** The pair in use (rotated by refreshes), or undefined before sign-in. */
  tokens(): BookableTokens | undefined;
  /** Replaces the pair in use, or forgets it (undefined). */
  setTokens(tokens: BookableTokens | undefined): void;
};

/**
 * A typed client of Bookable's REST API. Every call is `client.GET("/path", { params, body })` with the
 * paths, parameters and answers of the OpenAPI document, and goes out with the bearer token, an
 * Idempotency-Key on writes, retries that honour Retry-After, and one transparent refresh on 401.
 */
export function createBookableClient(options: BookableClientOptions): BookableClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const send: FetchFunction = options.fetch ?? ((request) => globalThis.fetch(request));
  const session = new TokenSession(
    options.tokens,
    (refreshToken) => exchangeRefreshToken(send, baseUrl, refreshToken),
    options.onTokens,
  );
  const client = createClient<paths>({
    baseUrl,
    fetch: retryingFetch(send, session, {
      maxRetries: options.maxRetries ?? 3,
      maxDelayMs: options.maxRetryDelayMs ?? 30_000,
      baseDelayMs: options.retryBaseDelayMs ?? 500,
      sleep: options.sleep ?? abortableSleep,
    }),
  });
  client.use(requestHeadersMiddleware(session, options.idempotencyKey ?? (() => crypto.randomUUID())));
  return Object.assign(client, {
    async signIn(credentials: { email: string; password: string }) {
      const { data, error, response } = await client.POST("/auth/token", { body: credentials });
      if (!data) throw new BookableApiError(response.status, error);
      const tokens = { accessToken: data.accessToken, refreshToken: data.refreshToken };
      await session.store(tokens);
      return tokens;
    },
    tokens: () => session.tokens,
    setTokens(tokens: BookableTokens | undefined) {
      if (tokens) session.replace(tokens);
      else session.clear();
    },
  });
}

/** The refresh grant, sent once and outside the retries: a refresh token must not be presented twice. */
async function exchangeRefreshToken(
  send: FetchFunction,
  baseUrl: string,
  refreshToken: string,
): Promise<BookableTokens | undefined> {
  const response = await send(
    new Request(`${baseUrl}/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken }),
    }),
  ).catch(() => undefined);
  if (!response?.ok) {
    await response?.body?.cancel();
    return undefined;
  }
  const body: unknown = await response.json();
  return isTokenPair(body) ? { accessToken: body.accessToken, refreshToken: body.refreshToken } : undefined;
}

function isTokenPair(body: unknown): body is BookableTokens {
  return (
    typeof body === "object" &&
    body !== null &&
    "accessToken" in body &&
    typeof body.accessToken === "string" &&
    "refreshToken" in body &&
    typeof body.refreshToken === "string"
  );
}
