import { errorResponse } from "@bookable/validators";
import { generateOpenApiDocument } from "trpc-to-openapi";
import { type ExampleSources, exampleFromSchema, fieldExamples, type SchemaNode } from "./openapi/example-from-schema.js";
import {
  type DocumentedOperation,
  errorExample,
  IDEMPOTENCY_KEY_HEADER,
  standardErrorResponses,
  takesIdempotencyKey,
} from "./openapi/standard-responses.js";
import { appRouter } from "./root-router.js";
import type { ApiMeta } from "./trpc.js";

export interface OpenApiDocumentOptions {
  /** Public URL of the REST API, e.g. https://bookable.example.com/api/v1 */
  baseUrl: string;
  version: string;
}

type OpenApiDocument = ReturnType<typeof generateOpenApiDocument>;

const errorResponseRef = { $ref: "#/components/schemas/ErrorResponse" };

/**
 * The OpenAPI 3.1 document of `/api/v1`, generated from the procedures. The generator describes errors
 * in its own shape, so every error response is pointed at our one ErrorResponse schema (with an example);
 * the errors every operation of its kind can meet are documented (standard-responses.ts), every write of a
 * signed-in caller takes an `Idempotency-Key`, every request and success response has an example, and
 * creations answer with their real success status. Kept clean under Redocly's recommended rules
 * (apps/server openapi-quality.api.test.ts).
 */
export function createOpenApiDocument(options: OpenApiDocumentOptions): OpenApiDocument {
  const document = generateOpenApiDocument(appRouter, {
    title: "Bookable API",
    description:
      'Book shared resources. Every error answers `{ "error": { "code", "message", "issues"?, "errorId" } }`; `errorId` also appears in the server log.',
    version: options.version,
    baseUrl: options.baseUrl,
    defs: { ErrorResponse: errorResponse },
  });
  // The project's own license (LICENSE), so an integrator knows the terms of the API description too.
  document.info.license = { name: "MIT", url: "https://opensource.org/license/mit" };
  const metaByOperationId = metasByOperationId();
  const sources: ExampleSources = {
    components: (document.components?.schemas ?? {}) as Record<string, SchemaNode>,
    byFieldName: fieldExamples(document),
  };
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of ["get", "post", "put", "patch", "delete"] as const) {
      const operation = pathItem[method];
      if (!operation?.responses) continue;
      const responses = operation.responses;
      // Public operations say so (Redocly's security-defined): no credential is needed.
      operation.security ??= [];
      if (takesIdempotencyKey(method, operation as DocumentedOperation)) {
        const parameters = (operation.parameters ?? []).filter(
          (parameter) => !("name" in parameter && parameter.name.toLowerCase() === "idempotency-key"),
        );
        operation.parameters = [IDEMPOTENCY_KEY_HEADER as (typeof parameters)[number], ...parameters];
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400 && response && "content" in response) {
          response.content = errorContent(status);
        }
      }
      for (const [status, description] of Object.entries(
        standardErrorResponses(method, path, operation as DocumentedOperation),
      )) {
        responses[status] ??= { description, content: errorContent(status) };
      }
      const tooMany = responses["429"];
      if (tooMany && "description" in tooMany) {
        tooMany.headers ??= { "Retry-After": RETRY_AFTER_HEADER };
      }
      const meta = operation.operationId ? metaByOperationId.get(operation.operationId) : undefined;
      const successStatus = meta?.successStatus;
      if (successStatus && responses["200"]) {
        responses[String(successStatus)] = responses["200"];
        delete responses["200"];
      }
      addExamples(operation, meta?.examples, sources);
    }
  }
  const schemas = document.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) if (name.startsWith("error.")) delete schemas[name];
  pruneUnusedSchemas(document);
  return document;
}

const RETRY_AFTER_HEADER = {
  description: "Seconds until a retry may succeed.",
  schema: { type: "integer" as const, minimum: 0 },
  example: 30,
};

function errorContent(status: string) {
  return { "application/json": { schema: errorResponseRef, example: errorExample(status) } };
}

interface MediaTypes {
  content?: Record<string, { schema?: unknown; example?: unknown }>;
}

/** The request's and the success response's example: the procedure's own (meta `examples`), else made from the schema. */
function addExamples(
  operation: { requestBody?: unknown; responses?: Record<string, unknown> },
  own: ApiMeta["examples"],
  sources: ExampleSources,
): void {
  const fill = (holder: unknown, example: unknown) => {
    const json = (holder as MediaTypes | undefined)?.content?.["application/json"];
    if (!json || json.example !== undefined) return;
    const made = example ?? (json.schema ? exampleFromSchema(json.schema as SchemaNode, sources) : undefined);
    if (made !== undefined) json.example = made;
  };
  fill(operation.requestBody, own?.request);
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (Number(status) < 300) fill(response, own?.response);
  }
}

/** Drops component schemas nothing refers to (zod-openapi registers input and output variants of some). */
function pruneUnusedSchemas(document: OpenApiDocument): void {
  const schemas = document.components?.schemas;
  if (!schemas) return;
  for (;;) {
    const references = JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g);
    const used = new Set([...references].map((match) => match[1]));
    const unused = Object.keys(schemas).filter((name) => !used.has(name));
    if (unused.length === 0) return;
    for (const name of unused) delete schemas[name];
  }
}

/** operationId (as the generator writes it: the procedure path with dashes) → the procedure's meta. */
function metasByOperationId(): Map<string, ApiMeta> {
  const metas = new Map<string, ApiMeta>();
  for (const [path, procedure] of Object.entries(proceduresByPath())) {
    const meta = procedure?._def.meta;
    if (meta) metas.set(path.replaceAll(".", "-"), meta);
  }
  return metas;
}

/** Looks up a procedure's meta by its dotted path, for the REST host's success status. */
export function procedureMeta(path: string): ApiMeta | undefined {
  return proceduresByPath()[path]?._def.meta;
}

// At run time tRPC keeps every procedure in one flat map keyed by its dotted path; its static type
// is nested, so it is viewed through the only part read here.
function proceduresByPath(): Record<string, { _def: { meta?: ApiMeta } } | undefined> {
  return appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ApiMeta } } | undefined>;
}
