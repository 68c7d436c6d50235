import type { AccessTokenSigner } from "@bookable/auth";
import type { FastifyInstance } from "fastify";

/** The public key set that verifies access tokens, for clients and gateways that check JWTs themselves. */
export async function jwksPlugin(app: FastifyInstance, options: { accessTokens: AccessTokenSigner }) {
  const body = JSON.stringify(options.accessTokens.jwks);
  app.get("/.well-known/jwks.json", async (_request, reply) =>
    reply.type("application/json").header("cache-control", "public, max-age=300").send(body),
  );
}
