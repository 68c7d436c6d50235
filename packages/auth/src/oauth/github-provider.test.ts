import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubProvider } from "./github-provider.js";

// A stand-in for GitHub's OAuth and REST endpoints on 127.0.0.1 that checks what a real GitHub checks:
// client credentials, the code, and that the PKCE verifier matches the challenge of the authorize step.
describe("GitHub sign-in", () => {
  let server: Server;
  let base = "";
  let challenge = "";
  let emails = [{ email: "octo@example.com", primary: true, verified: true }];

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (url.pathname === "/login/oauth/access_token" && request.method === "POST") {
        let raw = "";
        for await (const chunk of request) raw += chunk;
        const form = new URLSearchParams(raw);
        const basic = Buffer.from((request.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
        const verifierMatches =
          createHash("sha256")
            .update(form.get("code_verifier") ?? "")
            .digest("base64url") === challenge;
        if (basic !== "client-id:client-secret" || form.get("code") !== "good-code" || !verifierMatches) {
          return send(400, { error: "invalid_grant" });
        }
        return send(200, { access_token: "gho_token", token_type: "bearer", scope: "read:user,user:email" });
      }
      if (request.headers.authorization !== "Bearer gho_token") return send(401, { message: "Bad credentials" });
      if (url.pathname === "/user") return send(200, { id: 583231, login: "octocat" });
      if (url.pathname === "/user/emails") return send(200, emails);
      return send(404, {});
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => {
    server.close();
  });

  const provider = () =>
    createGitHubProvider({
      clientId: "client-id",
      clientSecret: "client-secret",
      redirectUri: "https://bookable.example.com/auth/oauth/github/callback",
      endpoints: { authorize: `${base}/login/oauth/authorize`, token: `${base}/login/oauth/access_token`, api: base },
    });

  it("asks for the user's emails with PKCE and reads the verified primary email", async () => {
    const github = provider();
    const attempt = await github.startAuthorization();
    expect(attempt.url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(attempt.url.searchParams.get("scope")).toBe("read:user user:email");
    expect(attempt.url.searchParams.get("state")).toBe(attempt.state);
    challenge = attempt.url.searchParams.get("code_challenge") ?? "";
    const identity = await github.completeAuthorization("good-code", attempt.codeVerifier, attempt.nonce);
    expect(identity).toEqual({
      providerUserId: "583231",
      email: "octo@example.com",
      emailVerified: true,
      usernameHint: "octocat",
    });
  });

  it("reports an unverified email as unverified", async () => {
    emails = [{ email: "new@example.com", primary: true, verified: false }];
    const github = provider();
    const attempt = await github.startAuthorization();
    challenge = attempt.url.searchParams.get("code_challenge") ?? "";
    expect(await github.completeAuthorization("good-code", attempt.codeVerifier, "")).toMatchObject({ emailVerified: false });
  });

  it("fails when the verifier does not match the challenge", async () => {
    const github = provider();
    const attempt = await github.startAuthorization();
    challenge = "some-other-challenge";
    await expect(github.completeAuthorization("good-code", attempt.codeVerifier, "")).rejects.toThrow();
  });
});
