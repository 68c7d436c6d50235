import { errorResponse } from "@bookable/validators";
import { generateOpenApiDocument } from "trpc-to-openapi";
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
 * in its own shape, so every error response is pointed at our one ErrorResponse schema, a 500 is
 * documented everywhere, and creations answer with their real success status.
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
  const successStatusByOperationId = successStatuses();
  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const method of ["get", "post", "put", "patch", "delete"] as const) {
      const operation = pathItem[method];
      if (!operation?.responses) continue;
      const responses = operation.responses;
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400 && response && "content" in response) {
          response.content = { "application/json": { schema: errorResponseRef } };
        }
      }
      const errorResponse = (description: string) => ({
        description,
        content: { "application/json": { schema: errorResponseRef } },
      });
      const takesInput = Boolean(operation.requestBody) || (operation.parameters?.length ?? 0) > 0;
      if (takesInput) responses["400"] ??= errorResponse("A field is missing or invalid; `issues` names each one.");
      if ((operation.security?.length ?? 0) > 0)
        responses["401"] ??= errorResponse("No valid credential (bearer token or API key).");
      responses["500"] ??= {
        description: "Unexpected failure; quote the `errorId` when reporting it.",
        content: { "application/json": { schema: errorResponseRef } },
      };
      const successStatus = operation.operationId ? successStatusByOperationId.get(operation.operationId) : undefined;
      if (successStatus && responses["200"]) {
        responses[String(successStatus)] = responses["200"];
        delete responses["200"];
      }
    }
  }
  const schemas = document.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) if (name.startsWith("error.")) delete schemas[name];
  return document;
}

/** operationId (as the generator writes it: the procedure path with dashes) → non-200 success status. */
function successStatuses(): Map<string, number> {
  const statuses = new Map<string, number>();
  for (const [path, procedure] of Object.entries(proceduresByPath())) {
    const meta = procedure?._def.meta;
    if (meta?.successStatus) statuses.set(path.replaceAll(".", "-"), meta.successStatus);
  }
  return statuses;
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
