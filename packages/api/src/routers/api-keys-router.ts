import { apiKeyIdInput, apiKeyListOutput, createApiKeyInput, createdApiKeyOutput } from "@bookable/validators";
import { z } from "zod";
import { protectedProcedure, router, sessionProcedure } from "../trpc.js";

export const apiKeysRouter = router({
  list: protectedProcedure
    .meta({ openapi: { method: "GET", path: "/api-keys", tags: ["api keys"], summary: "My API keys" } })
    .input(z.void())
    .output(apiKeyListOutput)
    .query(async ({ ctx }) => ({ items: await ctx.services.accounts.listApiKeys(ctx.user.id) })),

  // Managing keys needs a signed-in session: a leaked key must not be able to mint its own successors.
  create: sessionProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/api-keys",
        tags: ["api keys"],
        summary: "Create an API key",
        description:
          "The secret is in this response only. Needs a session (browser or access token), not an API key, and a confirmed email address.",
        errorResponses: { 403: "`EMAIL_NOT_VERIFIED`: confirm your email address first; or the caller used an API key." },
      },
      successStatus: 201,
    })
    .input(createApiKeyInput)
    .output(createdApiKeyOutput)
    .mutation(({ ctx, input }) => ctx.services.accounts.createApiKey(ctx.user, input.name)),

  delete: sessionProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/api-keys/{id}",
        tags: ["api keys"],
        summary: "Revoke an API key",
        errorResponses: { 404: "No such key of yours." },
      },
    })
    .input(apiKeyIdInput)
    .output(z.object({ revoked: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.accounts.revokeApiKey(ctx.user.id, input.id);
      return { revoked: true as const };
    }),
});
