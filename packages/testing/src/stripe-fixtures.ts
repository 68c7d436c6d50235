// Stripe's published example objects, one per resource, so the fake's responses carry every field a real
// object has rather than only the ones the fake manages.
import { readFileSync } from "node:fs";
import type { Operation } from "openapi-backend";
import { isRecord } from "./form-params.js";

const FIXTURES_URL = new URL("../vendor-specs/stripe/fixtures3.2023-09-12.json", import.meta.url);

let resources: Record<string, unknown> | undefined;

function loadResources(): Record<string, unknown> {
  if (resources === undefined) {
    // 110 KB, read once on first use; synchronous so building an object needs no await.
    const parsed: unknown = JSON.parse(readFileSync(FIXTURES_URL, "utf8"));
    if (!isRecord(parsed) || !isRecord(parsed.resources)) throw new Error(`${FIXTURES_URL.pathname} has no resources`);
    resources = parsed.resources;
  }
  return resources;
}

/** A fresh copy of the example object of a resource (`checkout.session`, `refund`, ...), if Stripe publishes one. */
export function stripeFixture(resourceId: string): Record<string, unknown> | undefined {
  const fixture = loadResources()[resourceId];
  return isRecord(fixture) ? structuredClone(fixture) : undefined;
}

/** Like stripeFixture, for the resources the fake builds its objects from, which the fixtures file must contain. */
export function requiredStripeFixture(resourceId: string): Record<string, unknown> {
  const fixture = stripeFixture(resourceId);
  if (fixture === undefined) throw new Error(`The Stripe fixtures have no ${resourceId}`);
  return fixture;
}

/**
 * A plausible 200 body for an operation the fake does not model: the fixture of the resource its response
 * schema describes, an empty list for list endpoints, else `{}`.
 */
export function fixtureResponseFor(
  operation: Operation,
  path: string,
  pathParams: Record<string, string>,
): Record<string, unknown> {
  const schema = successSchema(operation.responses?.["200"]);
  // `/v1/customers/{customer}` is about the object with that id, so the fixture takes it on.
  const idParam = /\{(\w+)\}$/.exec(operation.path)?.[1];
  const id = idParam === undefined ? undefined : pathParams[idParam];
  for (const candidate of schemaAlternatives(schema)) {
    const resourceId = candidate["x-resourceId"];
    const fixture = typeof resourceId === "string" ? stripeFixture(resourceId) : undefined;
    if (fixture !== undefined) return id !== undefined && "id" in fixture ? { ...fixture, id } : fixture;
    const objectType = objectEnum(candidate);
    if (objectType === "list") return { object: "list", data: [], has_more: false, url: path };
    if (objectType === "search_result") return { object: "search_result", data: [], has_more: false, next_page: null, url: path };
  }
  return {};
}

function successSchema(response: unknown): unknown {
  if (!isRecord(response) || !isRecord(response.content)) return undefined;
  const json = response.content["application/json"];
  return isRecord(json) ? json.schema : undefined;
}

// The document is dereferenced, so a response schema is either the resource itself or an anyOf of resources
// (a customer or a deleted customer, for example).
function schemaAlternatives(schema: unknown): Record<string, unknown>[] {
  if (!isRecord(schema)) return [];
  const anyOf = schema.anyOf;
  return [schema, ...(Array.isArray(anyOf) ? anyOf.filter(isRecord) : [])];
}

function objectEnum(schema: Record<string, unknown>): string | undefined {
  const properties = schema.properties;
  if (!isRecord(properties) || !isRecord(properties.object) || !Array.isArray(properties.object.enum)) return undefined;
  const [value] = properties.object.enum;
  return typeof value === "string" ? value : undefined;
}
