import {
  acceptedOutput,
  meOutput,
  oauthProvidersOutput,
  requestPasswordResetInput,
  resetPasswordInput,
  revokeTokenInput,
  signInInput,
  tokenInput,
  tokenOutput,
  verifyEmailInput,
  viewerOutput,
} from "@bookable/validators";
import { z } from "zod";
import { protectedProcedure, publicProcedure, rateLimited, router, sessionProcedure } from "../trpc.js";

const RESET_REQUESTED = "If an account exists for that email, we have sent a link to reset its password. It is valid for 1 hour.";

export const authRouter = router({
  /** Who is signed in (null when nobody): the web app's header. */
  viewer: publicProcedure.output(viewerOutput).query(({ ctx }) => ({ user: ctx.user })),

  me: protectedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me",
        tags: ["auth"],
        summary: "The caller",
        errorResponses: { 401: "No valid credential." },
      },
    })
    .input(z.void())
    .output(meOutput)
    .query(({ ctx }) => ctx.services.accounts.me(ctx.user)),

  signIn: publicProcedure
    .use(rateLimited("sign-in"))
    .input(signInInput)
    .output(z.object({ user: meOutput.shape.user }))
    .mutation(async ({ ctx, input }) => {
      const { user, token, expiresAt } = await ctx.services.accounts.signIn(input, ctx.client.userAgent);
      ctx.sessionCookie.set(token, expiresAt);
      return { user };
    }),

  signOut: sessionProcedure.output(z.object({ signedOut: z.literal(true) })).mutation(async ({ ctx }) => {
    await ctx.services.accounts.signOut(ctx.user.id, ctx.sessionId);
    if (ctx.authMethod === "cookie") ctx.sessionCookie.clear();
    return { signedOut: true as const };
  }),

  token: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/token",
        protect: false,
        tags: ["auth"],
        summary: "Get an access token",
        description:
          "`{ email, password }` opens a token session; `{ refreshToken }` rotates the refresh token. Reusing a rotated refresh token ends its session.",
        errorResponses: { 400: "Bad input.", 401: "Wrong credentials or refresh token.", 429: "Too many attempts." },
      },
    })
    .use(rateLimited("token"))
    .input(tokenInput)
    .output(tokenOutput)
    .mutation(({ ctx, input }) => ctx.services.accounts.issueTokens(input, ctx.client.userAgent)),

  revoke: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/revoke",
        protect: false,
        tags: ["auth"],
        summary: "End a token session",
        description: "Revokes the session of the refresh token: its refresh and access tokens stop working at once.",
      },
    })
    .input(revokeTokenInput)
    .output(z.object({ revoked: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.accounts.revokeRefreshToken(input.refreshToken);
      return { revoked: true as const };
    }),

  requestPasswordReset: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/password-reset",
        protect: false,
        tags: ["auth"],
        summary: "Email a password reset link",
        description:
          "Answers the same, and after the same work, whether or not the email has an account: the request is queued and a worker sends the link (valid for 1 hour) when an account has that address.",
      },
    })
    .use(rateLimited("password-reset"))
    .input(requestPasswordResetInput)
    .output(acceptedOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.accounts.requestPasswordReset(input.email);
      return { message: RESET_REQUESTED };
    }),

  resetPassword: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/password-reset/confirm",
        protect: false,
        tags: ["auth"],
        summary: "Set a new password",
        description:
          "Uses the emailed token (once, within 1 hour). Ends every session and revokes every API key of the account, and every other reset link stops working.",
      },
    })
    .use(rateLimited("password-reset"))
    .input(resetPasswordInput)
    .output(acceptedOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.accounts.resetPassword(input.token, input.password);
      return { message: "Your password has been changed. Sign in with the new one." };
    }),

  verifyEmail: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/verify-email",
        protect: false,
        tags: ["auth"],
        summary: "Confirm an email address",
        description:
          'Confirms the address the emailed token was sent to; a link opened again after that answers 200 "already confirmed". An address listed in `ADMIN_EMAILS` (it becomes admin) is confirmed only with a credential of its own account, a session cookie or bearer token; without one the answer is 403 and the token stays usable.',
        errorResponses: {
          400: "The token is unknown or expired, or used while the address is still unconfirmed (a newer link replaced it).",
          403: "An admin address, and no credential of its account.",
        },
      },
    })
    .input(verifyEmailInput)
    .output(acceptedOutput)
    .mutation(async ({ ctx, input }) => {
      const outcome = await ctx.services.accounts.verifyEmail(input.token, ctx.user?.id ?? null);
      return {
        message:
          outcome === "already_confirmed" ? "Your email address is already confirmed." : "Your email address is confirmed.",
      };
    }),

  resendVerification: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/verify-email/resend",
        tags: ["auth"],
        summary: "Email a new verification link",
        errorResponses: { 401: "No valid credential.", 429: "Too many requests." },
      },
    })
    .use(rateLimited("verification-email"))
    .input(z.void())
    .output(acceptedOutput)
    .mutation(async ({ ctx }) => {
      const sent = await ctx.services.accounts.sendEmailVerification(ctx.user.id);
      return { message: sent ? `We have sent a new link to ${ctx.user.email}.` : "Your email address is already confirmed." };
    }),

  providers: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/auth/providers",
        protect: false,
        tags: ["auth"],
        summary: "Sign-in providers that are configured",
      },
    })
    .input(z.void())
    .output(oauthProvidersOutput)
    .query(({ ctx }) => ({ providers: [...ctx.oauthProviders] })),
});
