import type { ApiContext } from "@bookable/api";
import { type AuthenticatedCaller, authenticateBearer, authenticateBrowser, toUserOutput } from "@bookable/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "./config.js";
import type { ServerServices } from "./create-services.js";
import { isCrossSiteRequest } from "./cross-site-request.js";
import { requestPublicUrl } from "./request-public-url.js";
import { SESSION_COOKIE_NAME, sessionCookie } from "./session-cookie.js";

export type CreateApiContext = (request: FastifyRequest, reply: FastifyReply) => Promise<ApiContext>;

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The per-request context both /trpc and /api/v1 hand to procedures. The caller is found from an
 * `Authorization: Bearer` credential (JWT access token or API key) or else from the session cookie.
 */
export function apiContextFactory(services: ServerServices, config: Config): CreateApiContext {
  const production = config.NODE_ENV === "production";
  const oauthProviders = services.oauthProviders.map((provider) => ({
    id: provider.id,
    name: provider.name,
    startUrl: `/auth/oauth/${provider.id}/start`,
  }));
  return async (request, reply) => {
    const cookie = sessionCookie(request, reply, production);
    let caller: AuthenticatedCaller | null = null;
    let authMethod: ApiContext["authMethod"] = null;
    let credentialRejected = false;

    const authorization = request.headers.authorization;
    const sessionToken = request.cookies[SESSION_COOKIE_NAME];
    if (authorization !== undefined) {
      const credential = BEARER.exec(authorization)?.[1];
      caller = credential ? await authenticateBearer(services.accounts, credential) : null;
      authMethod = caller ? "bearer" : null;
      credentialRejected = caller === null;
    } else if (sessionToken) {
      caller = await authenticateBrowser(services.accounts, sessionToken);
      authMethod = caller ? "cookie" : null;
      credentialRejected = caller === null;
      if (!caller) cookie.clear();
      else if (caller.renewed && caller.session) cookie.set(sessionToken, caller.session.expiresAt);
    }

    return {
      // Links made for this request (emails, the checkout) go to the address the user is on (issue 15).
      services: services.coreAt(requestPublicUrl(request, config)),
      logger: request.log,
      requestId: request.id,
      user: caller ? toUserOutput(caller.user) : null,
      sessionId: caller?.session?.id ?? null,
      authMethod,
      credentialRejected,
      client: {
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        crossSite: isCrossSiteRequest(request, config.PUBLIC_URL),
      },
      sessionCookie: cookie,
      oauthProviders,
      localMailbox: services.localMailbox,
      idempotencyKey: headerValue(request.headers["idempotency-key"]),
      localSmsOutbox: services.localSmsOutbox,
    };
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
