import { revokedCountOutput, sessionIdInput, sessionListOutput } from "@bookable/validators";
import { z } from "zod";
import { protectedProcedure, router, sessionProcedure } from "../trpc.js";

export const sessionsRouter = router({
  list: protectedProcedure
    .meta({ openapi: { method: "GET", path: "/sessions", tags: ["sessions"], summary: "My signed-in devices" } })
    .input(z.void())
    .output(sessionListOutput)
    .query(async ({ ctx }) => ({ items: await ctx.services.accounts.listSessions(ctx.user.id, ctx.sessionId) })),

  revoke: sessionProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/sessions/{id}/revoke",
        tags: ["sessions"],
        summary: "Sign a device out",
        errorResponses: { 404: "No such session of yours." },
      },
    })
    .input(sessionIdInput)
    .output(z.object({ revoked: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.accounts.revokeSession(ctx.user.id, input.id);
      if (input.id === ctx.sessionId && ctx.authMethod === "cookie") ctx.sessionCookie.clear();
      return { revoked: true as const };
    }),

  // With an API key there is no "current" session to keep, so this needs a session.
  revokeOthers: sessionProcedure
    .meta({
      openapi: { method: "POST", path: "/sessions/revoke-others", tags: ["sessions"], summary: "Sign out every other device" },
    })
    .input(z.void())
    .output(revokedCountOutput)
    .mutation(async ({ ctx }) => ({ revoked: await ctx.services.accounts.revokeOtherSessions(ctx.user.id, ctx.sessionId) })),
});
