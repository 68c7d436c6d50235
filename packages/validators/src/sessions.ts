import { z } from "zod";
import { sessionKindValues } from "./enum-values.js";

export const sessionOutput = z
  .object({
    id: z.uuid(),
    kind: z
      .enum(sessionKindValues)
      .meta({ description: "`browser` (cookie) or `token` (a REST client's refresh-token family)." }),
    userAgent: z.string().nullable().meta({ example: "Mozilla/5.0 (X11; Linux x86_64)" }),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    current: z.boolean().meta({ description: "Whether this is the session making the request." }),
  })
  .meta({ id: "Session", description: "A signed-in device." });
export type SessionOutput = z.infer<typeof sessionOutput>;

export const sessionListOutput = z.object({ items: z.array(sessionOutput) }).meta({ id: "SessionList" });

export const sessionIdInput = z.object({ id: z.uuid({ error: "Not a session id" }) });

export const revokedCountOutput = z.object({
  revoked: z.number().int().meta({ description: "How many were revoked.", example: 2 }),
});
