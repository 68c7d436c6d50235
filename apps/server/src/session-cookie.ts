import type { SessionCookie } from "@bookable/api";
import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE_NAME = "bookable_session";

/**
 * The browser session cookie (Lucia's guide): HttpOnly so scripts cannot read it, SameSite=Lax so other
 * sites' forms and frames do not carry it, Secure whenever the request came over HTTPS or in production.
 */
export function sessionCookie(request: FastifyRequest, reply: FastifyReply, production: boolean): SessionCookie {
  const secure = production || request.protocol === "https";
  return {
    set(token, expiresAt) {
      void reply.setCookie(SESSION_COOKIE_NAME, token, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure,
        expires: expiresAt,
      });
    },
    clear() {
      void reply.clearCookie(SESSION_COOKIE_NAME, { httpOnly: true, sameSite: "lax", path: "/", secure });
    },
  };
}
