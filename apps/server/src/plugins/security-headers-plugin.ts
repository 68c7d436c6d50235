import { createHash } from "node:crypto";
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fastifyPlugin from "fastify-plugin";

/**
 * The Content-Security-Policy of every page: scripts, styles, fonts and data only from this origin. Styles
 * allow inline `style` attributes, which React and react-aria set; nothing allows inline or remote scripts.
 * Checked in the browser (no CSP violation on the web app or the API reference).
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/**
 * HTTP security headers for every response (@fastify/helmet): CSP, HSTS in production, no sniffing, no
 * framing, no referrer across origins. The API reference page has one inline script that starts it; its
 * SHA-256 is added to that page's policy, so no other inline script could run there either.
 */
export const securityHeadersPlugin = fastifyPlugin(async (app: FastifyInstance, options: { production: boolean }) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { ...contentSecurityPolicy, upgradeInsecureRequests: options.production ? [] : null },
    },
    // HSTS only means something on HTTPS; in production Bookable is always reached over it.
    strictTransportSecurity: options.production ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    // Stripe Checkout and OAuth providers are reached by navigation, which these do not restrict.
    crossOriginEmbedderPolicy: false,
  });

  app.addHook("onSend", async (request, reply, payload) => {
    if (!request.url.startsWith("/api/docs") || typeof payload !== "string" || !payload.includes("<script")) return payload;
    const hashes = [...payload.matchAll(INLINE_SCRIPT)].map(
      (match) =>
        `'sha256-${createHash("sha256")
          .update(match[1] ?? "")
          .digest("base64")}'`,
    );
    const policy = String(reply.getHeader("content-security-policy") ?? "");
    reply.header("content-security-policy", policy.replace(/script-src 'self'/, `script-src 'self' ${hashes.join(" ")}`));
    return payload;
  });
});
