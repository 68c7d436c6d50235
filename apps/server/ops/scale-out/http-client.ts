import { randomInt } from "node:crypto";
import http, { type IncomingHttpHeaders } from "node:http";

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request that got no HTTP answer at all (connection refused or reset, timeout). */
export class TransportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

export interface RequestOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /**
   * The loopback address to connect from (any of 127.0.0.0/8 on Linux). The server sees it as the
   * client IP, so each simulated client has a per-IP rate-limit count of its own.
   */
  localAddress?: string;
  timeoutMs?: number;
}

/**
 * A minimal HTTP/1.1 client over node:http: unlike fetch, it can pick the source address. One
 * connection per request (no keep-alive), so nothing lingers after the test.
 */
export function httpRequest(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: options.method ?? (body === undefined ? "GET" : "POST"),
        headers,
        agent: false,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        timeout: options.timeoutMs ?? 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", (error: NodeJS.ErrnoException) => reject(new TransportError(error.code ?? "ERROR", error.message)));
      },
    );
    request.on("timeout", () => request.destroy(Object.assign(new Error("request timed out"), { code: "ETIMEDOUT" })));
    request.on("error", (error: NodeJS.ErrnoException) => reject(new TransportError(error.code ?? "ERROR", error.message)));
    request.end(body);
  });
}

/** Parses a response body as JSON, failing with the body shown. */
export function json<T>(response: HttpResponse): T {
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new Error(`not JSON (HTTP ${response.status}): ${response.body.slice(0, 500)}`);
  }
}

/** A random loopback address outside 127.0.0.x, so no two runs (or clients) share a rate-limit count. */
export function randomLoopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}
