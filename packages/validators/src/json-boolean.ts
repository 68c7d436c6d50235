import { z } from "zod";

/**
 * A boolean input field that takes only JSON's `true` and `false`. trpc-to-openapi sets `coerce` on every
 * `z.boolean()` of a REST input (on the schema object /trpc shares), and `Boolean("false")` is true: the string
 * "false" closed a date, refunded a cancelled booking and opted an attendee into SMS. The adapter leaves
 * literals alone, so a union of the two is the boolean it cannot bend; anything else is a 400.
 */
export const jsonBoolean = (error = "Use true or false") => z.union([z.literal(true), z.literal(false)], { error });
