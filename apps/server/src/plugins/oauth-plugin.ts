import { errorIdOf } from "@bookable/api";
import type { OAuthProvider } from "@bookable/auth";
import { AppError, signInWithOAuth, startBrowserSession } from "@bookable/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ServerServices } from "../create-services.js";
import { sessionCookie } from "../session-cookie.js";
import { logError } from "./log-error.js";
import { sendError } from "./send-error.js";

const ATTEMPT_COOKIES = { state: "oauth_state", verifier: "oauth_verifier", nonce: "oauth_nonce" } as const;
// Long enough to sign in at the provider, short enough that a stolen cookie is soon useless.
const ATTEMPT_MAX_AGE_SECONDS = 10 * 60;

interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

/**
 * Sign-in with OAuth 2.0 / OpenID Connect providers: `/auth/oauth/:provider/start` redirects to the
 * provider with state and PKCE (kept in short-lived HttpOnly cookies); `/callback` checks the state,
 * exchanges the code, finds or creates the account, opens a browser session and redirects to the app.
 */
export async function oauthPlugin(app: FastifyInstance, options: { services: ServerServices; production: boolean }) {
  const providers = new Map(options.services.oauthProviders.map((provider) => [provider.id, provider]));
  const attemptCookie = (request: FastifyRequest) => ({
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/auth/oauth",
    secure: options.production || request.protocol === "https",
    maxAge: ATTEMPT_MAX_AGE_SECONDS,
  });
  const clearAttempt = (request: FastifyRequest, reply: FastifyReply) => {
    for (const name of Object.values(ATTEMPT_COOKIES)) void reply.clearCookie(name, { ...attemptCookie(request), maxAge: 0 });
  };
  const failed = (reply: FastifyReply, code: string, message: string) =>
    reply.redirect(`/sign-in?error=${encodeURIComponent(code)}&message=${encodeURIComponent(message)}`, 302);
  const findProvider = (
    request: FastifyRequest<{ Params: { provider: string } }>,
    reply: FastifyReply,
  ): OAuthProvider | undefined => {
    const provider = providers.get(request.params.provider);
    if (!provider) {
      void sendError(reply, {
        code: "NOT_FOUND",
        message: "No such sign-in provider is configured",
        errorId: errorIdOf(request.raw),
      });
    }
    return provider;
  };

  app.get<{ Params: { provider: string } }>("/auth/oauth/:provider/start", async (request, reply) => {
    const provider = findProvider(request, reply);
    if (!provider) return reply;
    const attempt = await provider.startAuthorization();
    void reply.setCookie(ATTEMPT_COOKIES.state, attempt.state, attemptCookie(request));
    void reply.setCookie(ATTEMPT_COOKIES.verifier, attempt.codeVerifier, attemptCookie(request));
    void reply.setCookie(ATTEMPT_COOKIES.nonce, attempt.nonce, attemptCookie(request));
    return reply.redirect(attempt.url.href, 302);
  });

  app.get<{ Params: { provider: string }; Querystring: CallbackQuery }>(
    "/auth/oauth/:provider/callback",
    async (request, reply) => {
      const provider = findProvider(request, reply);
      if (!provider) return reply;
      const { code, state, error } = request.query;
      const expectedState = request.cookies[ATTEMPT_COOKIES.state];
      const codeVerifier = request.cookies[ATTEMPT_COOKIES.verifier];
      const nonce = request.cookies[ATTEMPT_COOKIES.nonce] ?? "";
      clearAttempt(request, reply);
      if (error) return failed(reply, "oauth_denied", `Sign-in with ${provider.name} was cancelled or refused.`);
      // The state ties the callback to the browser that started the sign-in (CSRF on the callback).
      if (!code || !state || !expectedState || !codeVerifier || state !== expectedState) {
        request.log.warn({ provider: provider.id }, "oauth callback refused: state mismatch or missing attempt cookies");
        return failed(reply, "oauth_state", "The sign-in could not be verified. Please start again.");
      }
      try {
        const identity = await provider.completeAuthorization(code, codeVerifier, nonce);
        const user = await signInWithOAuth(options.services.accounts, { provider: provider.id, ...identity });
        // Linking may have revoked a squatter's credentials (claimUnverifiedAccount): this instance forgets
        // them at once, the others through the database's notification.
        options.services.accounts.sessionCache.forgetUser(user.id);
        const session = await startBrowserSession(options.services.accounts, user.id, request.headers["user-agent"]);
        sessionCookie(request, reply, options.production).set(session.token, session.expiresAt);
        return reply.redirect("/account", 302);
      } catch (cause) {
        if (cause instanceof AppError) return failed(reply, "oauth_account", cause.message);
        const errorId = errorIdOf(cause instanceof Error ? cause : new Error(String(cause)));
        logError(
          request.log,
          { httpStatus: 502, code: "INTERNAL", message: `sign-in with ${provider.id} failed`, errorId },
          cause,
        );
        return failed(reply, "oauth_failed", `Sign-in with ${provider.name} failed. Reference: ${errorId}`);
      }
    },
  );
}
