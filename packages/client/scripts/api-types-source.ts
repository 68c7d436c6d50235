// The text of src/generated/api.ts, made from the same OpenAPI document the server serves at
// /api/v1/openapi.json (packages/api's createOpenApiDocument), so no server has to run. The generate script
// writes it; the staleness test compares it with the committed file. Nothing here depends on the clock or
// the machine, so two runs give the same bytes.
import { createOpenApiDocument } from "@bookable/api";
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from "openapi-typescript";

/** Types do not depend on the server's address or version; fixed values keep the output stable. */
const DOCUMENT_OPTIONS = { baseUrl: "http://localhost:3000/api/v1", version: "0.0.0" };

const HEADER = `${COMMENT_HEADER.trimEnd()}
// Regenerate with: pnpm --filter @bookable/client generate

`;

export async function apiTypesSource(): Promise<string> {
  // The generator's document type and openapi-typescript's describe the same OpenAPI 3.1 JSON.
  const document = createOpenApiDocument(DOCUMENT_OPTIONS) as unknown as OpenAPI3;
  const nodes = await openapiTS(document, { silent: true });
  return `${HEADER}${astToString(nodes)}`;
}
