import { describe, expect, it } from "vitest";
import { createWebhookEndpointInput, updateWebhookEndpointInput } from "./webhooks.js";

const issuesOf = (input: unknown) =>
  createWebhookEndpointInput
    .safeParse(input)
    .error?.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));

describe("createWebhookEndpointInput", () => {
  it("takes http(s) URLs, host names and addresses alike (the SSRF guard checks addresses at send time)", () => {
    for (const url of ["https://example.com/hooks", "http://127.0.0.1:4000/h", "http://localhost:3000/x", "https://x.com/a@b"]) {
      expect(createWebhookEndpointInput.safeParse({ url, eventTypes: ["booking.created"] }).success, url).toBe(true);
    }
  });

  it("refuses other schemes, non-URLs and credentials in the URL, naming the field", () => {
    for (const url of ["ftp://example.com", "notaurl", "javascript:alert(1)", "https://user:pass@example.com/"]) {
      expect(
        issuesOf({ url, eventTypes: ["booking.created"] })?.map((issue) => issue.path),
        url,
      ).toEqual(["url"]);
    }
  });

  it("wants a non-empty set of known event types and a description of at most 500 characters", () => {
    expect(issuesOf({ url: "https://example.com", eventTypes: [] })).toEqual([
      { path: "eventTypes", message: "Choose at least one event" },
    ]);
    expect(issuesOf({ url: "https://example.com", eventTypes: ["booking.created", "booking.created"] })).toEqual([
      { path: "eventTypes", message: "List each event once" },
    ]);
    expect(issuesOf({ url: "https://example.com", eventTypes: ["webhook.test"] })?.[0]?.path).toBe("eventTypes.0");
    expect(issuesOf({ url: "https://example.com", eventTypes: ["booking.created"], description: "x".repeat(501) })).toEqual([
      { path: "description", message: "Description must be at most 500 characters" },
    ]);
  });
});

describe("updateWebhookEndpointInput", () => {
  it("lets a description be removed with null and an endpoint be paused", () => {
    const parsed = updateWebhookEndpointInput.parse({
      id: "0b9f6a52-3c1e-4f8e-9d4b-2a7c5e1f8d30",
      description: null,
      disabled: true,
    });
    expect(parsed).toMatchObject({ description: null, disabled: true });
  });
});

describe("updateWebhookEndpointInput.disabled", () => {
  it("is a JSON boolean, never a string read as one", () => {
    const id = "0b9f6a52-3c1e-4f8e-9d4b-2a7c5e1f8d30";
    expect(updateWebhookEndpointInput.safeParse({ id, disabled: false }).success).toBe(true);
    expect(updateWebhookEndpointInput.safeParse({ id, disabled: "false" }).error?.issues[0]?.message).toBe("Use true or false");
  });
});
