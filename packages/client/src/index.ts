export { BookableApiError, unwrap } from "./api-error.js";
export { type BookableClient, type BookableClientOptions, createBookableClient } from "./create-bookable-client.js";
export type { components, operations, paths } from "./generated/api.js";
export { retryAfterMs } from "./retry-after.js";
export type { BookableTokens } from "./token-session.js";
