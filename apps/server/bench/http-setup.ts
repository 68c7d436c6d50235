// Setting the bench up over the server's own HTTP API (an admin, resources, users), checked by status.
import { z } from "zod";
import { safeJson } from "./server-under-test.js";

const SETUP_REQUEST_TIMEOUT_MS = 30_000;
export const PASSWORD = "bench password, not a secret";

export const tokenPair = z.object({ accessToken: z.string() });
export const created = z.object({ id: z.string() });

export interface ApiRequest {
  method: "GET" | "POST";
  path: string;
  body?: unknown;
  token?: string;
}

export async function call<T>(baseUrl: string, request: ApiRequest, expectStatus: number, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: {
      ...(request.body === undefined ? {} : { "content-type": "application/json" }),
      ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    signal: AbortSignal.timeout(SETUP_REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status !== expectStatus) {
    throw new Error(`${request.method} ${request.path} answered ${response.status}, not ${expectStatus}: ${text.slice(0, 500)}`);
  }
  return schema.parse(safeJson(text));
}

export async function signIn(baseUrl: string, email: string): Promise<string> {
  const pair = await call(
    baseUrl,
    { method: "POST", path: "/api/v1/auth/token", body: { email, password: PASSWORD } },
    200,
    tokenPair,
  );
  return pair.accessToken;
}

export async function register(baseUrl: string, username: string, email: string): Promise<void> {
  await call(baseUrl, { method: "POST", path: "/api/v1/users", body: { username, email, password: PASSWORD } }, 201, z.unknown());
}

/** Runs `task` for each index with at most `limit` at a time. */
export async function inBatches<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += limit) {
    const batch = Array.from({ length: Math.min(limit, count - start) }, (_, offset) => task(start + offset));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
