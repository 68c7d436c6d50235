import { describe, expect, it } from "vitest";
import { redactUrl } from "./request-log-serializer.js";

describe("redactUrl", () => {
  it("hides emailed tokens and OAuth codes and keeps everything else", () => {
    expect(redactUrl("/reset-password?token=abc123secret")).toBe("/reset-password?token=%5Bredacted%5D");
    expect(redactUrl("/auth/oauth/oidc/callback?code=c0de&state=s7ate&x=1")).toBe(
      "/auth/oauth/oidc/callback?code=%5Bredacted%5D&state=%5Bredacted%5D&x=1",
    );
    expect(redactUrl("/api/v1/users?limit=2&cursor=abc")).toBe("/api/v1/users?limit=2&cursor=abc");
    expect(redactUrl("/healthz")).toBe("/healthz");
  });

  it("hides calendar feed tokens, which are in the path", () => {
    expect(redactUrl("/api/v1/feeds/bkf_s3cret.ics")).toBe("/api/v1/feeds/[redacted]");
    expect(redactUrl("/api/v1/feeds/bkf_s3cret/resources/0b7a7c5e-8f0e-4a8e-9d2b-3f1c2a4b5c6d.ics?x=1")).toBe(
      "/api/v1/feeds/[redacted]/resources/0b7a7c5e-8f0e-4a8e-9d2b-3f1c2a4b5c6d.ics?x=1",
    );
  });
});
