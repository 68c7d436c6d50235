import { describe, expect, it } from "vitest";
import { personalFeedUrls, resourceFeedUrls } from "./feed-urls.js";

describe("feed URLs", () => {
  it("gives the https URL and its webcal:// twin", () => {
    expect(personalFeedUrls("https://book.example.com", "bkf_abc")).toEqual({
      url: "https://book.example.com/api/v1/feeds/bkf_abc.ics",
      webcalUrl: "webcal://book.example.com/api/v1/feeds/bkf_abc.ics",
    });
  });

  it("puts a resource's feed under the admin's token, and keeps a development server's http port", () => {
    expect(resourceFeedUrls("http://localhost:3000", "bkf_abc", "0b7a7c5e-8f0e-4a8e-9d2b-3f1c2a4b5c6d")).toEqual({
      url: "http://localhost:3000/api/v1/feeds/bkf_abc/resources/0b7a7c5e-8f0e-4a8e-9d2b-3f1c2a4b5c6d.ics",
      webcalUrl: "webcal://localhost:3000/api/v1/feeds/bkf_abc/resources/0b7a7c5e-8f0e-4a8e-9d2b-3f1c2a4b5c6d.ics",
    });
  });
});
