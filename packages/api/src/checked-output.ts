import { z } from "zod";

/**
 * A procedure's output schema, checked or trusted as the host decides (VALIDATE_OUTPUT).
 *
 * Validated, the schema itself: tRPC parses every answer with it, so a procedure answering something
 * its contract does not allow fails loudly in development and in tests. Trusted, a pass-through with
 * the same static type: the procedure must still return the typed shape (the compiler checks it), but
 * nothing walks the answer at run time. For availability that walk was 12 % of a request's CPU (2,880
 * slots, two date-time patterns each; issue 12).
 *
 * Only for schemas that check without transforming (input type = output type), as a pass-through
 * cannot transform.
 *
 * The OpenAPI document is always generated from the validated router (`appRouter`), so what the host
 * decides here never changes the published document (a trusting router would describe the answer as `{}`).
 */
export function checkedOutput<Shape>(schema: z.ZodType<Shape, Shape>, validate: boolean): z.ZodType<Shape, Shape> {
  // z.any rather than z.custom: the REST adapter checks outside production that every output schema can
  // be described in OpenAPI, and zod-openapi describes z.any (as `{}`) but refuses z.custom.
  return validate ? schema : z.any();
}
