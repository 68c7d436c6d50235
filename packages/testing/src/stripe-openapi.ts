// Validates requests against Stripe's published OpenAPI document with openapi-backend.
import { readFile } from "node:fs/promises";
import { type Document, OpenAPIBackend, type Request as OpenApiRequest, type Operation } from "openapi-backend";
import type { FormParams } from "./form-params.js";
import { toValidationIssue, type ValidationIssue } from "./validation-issues.js";

const SPEC_URL = new URL("../vendor-specs/stripe/spec3.2023-09-12.json", import.meta.url);

export interface StripeSpecTimings {
  /** Reading and JSON-parsing the 2.6 MB document. */
  readonly readMs: number;
  /** openapi-backend's init: dereferencing the document and building the router. */
  readonly initMs: number;
}

// Parsing and dereferencing the document is the slow part, so every fake server in a process shares one backend.
let backend: Promise<OpenAPIBackend> | undefined;
let timings: StripeSpecTimings | undefined;

export function stripeOpenApi(): Promise<OpenAPIBackend> {
  backend ??= initStripeOpenApi().catch((error: unknown) => {
    // Let a later call try again instead of caching the failure for the whole process.
    backend = undefined;
    throw error;
  });
  return backend;
}

/** How long the shared backend took to start; undefined until it has. */
export function stripeSpecTimings(): StripeSpecTimings | undefined {
  return timings;
}

async function initStripeOpenApi(): Promise<OpenAPIBackend> {
  const started = performance.now();
  const definition: unknown = JSON.parse(await readFile(SPEC_URL, "utf8"));
  if (!isOpenApiDocument(definition)) throw new Error(`${SPEC_URL.pathname} is not an OpenAPI document`);
  const read = performance.now();
  const api = new OpenAPIBackend({
    definition,
    // Quick mode dereferences synchronously and compiles an operation's validators on its first request. Without it
    // openapi-backend compiles all 468 operations up front (~7 s) including response validators, which Ajv refuses
    // for Stripe's `nullable` without `type`. It also skips validating the document itself, which we trust.
    quick: true,
    strict: true,
    // Form values are all strings; let Ajv coerce them to the schema's types ("array" also wraps a lone value).
    // openapi-backend overrides this with `true` for path and query parameters, where it does its own array wrapping.
    coerceTypes: true,
    ajvOpts: { coerceTypes: "array" },
    customizeAjv: (ajv) => {
      // Stripe's own formats; unknown formats would otherwise be ignored with a console warning per schema.
      ajv.addFormat("unix-time", { type: "number", validate: (value: number) => Number.isInteger(value) && value >= 0 });
      ajv.addFormat("decimal", /^-?(?:\d+(?:\.\d*)?|\.\d+)$/);
      return ajv;
    },
  });
  await api.init();
  timings = { readMs: read - started, initMs: performance.now() - read };
  return api;
}

function isOpenApiDocument(value: unknown): value is Document {
  return (
    typeof value === "object" &&
    value !== null &&
    "openapi" in value &&
    typeof value.openapi === "string" &&
    "paths" in value &&
    typeof value.paths === "object"
  );
}

export interface StripeRequestInput {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: FormParams;
  /** Undefined when the method carries no body; an array for a JSON API that takes one (Resend's batch). */
  body: FormParams | unknown[] | undefined;
}

export type StripeRequestCheck =
  | { kind: "unknown-operation" }
  | { kind: "invalid"; operation: Operation; issues: ValidationIssue[]; validationMs: number }
  | { kind: "valid"; operation: Operation; pathParams: Record<string, string>; validationMs: number };

export function checkStripeRequest(api: OpenAPIBackend, input: StripeRequestInput): StripeRequestCheck {
  const request: OpenApiRequest = {
    method: input.method,
    path: input.path,
    headers: input.headers,
    // openapi-backend types the query as flat strings, but takes any object and validates it as is; ours is
    // already decoded from bracket notation into nested objects and arrays.
    query: input.query as OpenApiRequest["query"],
    body: input.body,
  };
  const operation = api.matchOperation(request);
  if (operation === undefined) return { kind: "unknown-operation" };
  const started = performance.now();
  const result = api.validateRequest(request, operation);
  const validationMs = performance.now() - started;
  if (result.errors) return { kind: "invalid", operation, issues: result.errors.map(toValidationIssue), validationMs };
  return { kind: "valid", operation, pathParams: result.coerced?.params ?? {}, validationMs };
}
