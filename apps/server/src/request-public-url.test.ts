import type { FastifyRequest } from "fastify";
import { describe, expect, it } from "vitest";
import { requestPublicUrl } from "./request-public-url.js";

/** What requestPublicUrl reads of a request: its scheme, its Host, and the socket it came in on. */
function request(host: string, socket: { localAddress?: string; localPort?: number }, protocol = "http"): FastifyRequest {
  return { protocol, host, socket } as unknown as FastifyRequest;
}

const development = {
  PUBLIC_URL: "http://localhost:3000",
  PUBLIC_URL_SET: false,
  NODE_ENV: "development" as const,
  CORS_ORIGINS: [] as string[],
};
const onLoopback = { localAddress: "127.0.0.1", localPort: 3000 };

describe("the address links are made for", () => {
  it.each([
    ["127.0.0.1:3000", onLoopback, "http://127.0.0.1:3000"],
    ["localhost:3000", onLoopback, "http://localhost:3000"],
    ["[::1]:3000", { localAddress: "::1", localPort: 3000 }, "http://[::1]:3000"],
    ["192.168.1.20:3000", { localAddress: "::ffff:192.168.1.20", localPort: 3000 }, "http://192.168.1.20:3000"],
  ])("is the request's %s in development when the server accepted it there", (host, socket, expected) => {
    expect(requestPublicUrl(request(host, socket), development)).toBe(expected);
  });

  it.each([
    ["a forged name", "evil.example:3000", onLoopback],
    ["another port", "127.0.0.1:5173", onLoopback],
    ["a loopback name on a LAN socket", "localhost:3000", { localAddress: "192.168.1.20", localPort: 3000 }],
    ["another address", "10.0.0.9:3000", onLoopback],
    ["a Host with a path", "127.0.0.1:3000/x", onLoopback],
    ["no socket address (inject)", "127.0.0.1:3000", {}],
  ])("falls back to the default for %s", (_, host, socket) => {
    expect(requestPublicUrl(request(host, socket), development)).toBe("http://localhost:3000");
  });

  it("believes an origin listed in CORS_ORIGINS", () => {
    const config = { ...development, CORS_ORIGINS: ["https://dev.example.com"] };
    expect(requestPublicUrl(request("dev.example.com", onLoopback, "https"), config)).toBe("https://dev.example.com");
  });

  it("is PUBLIC_URL whenever it is set", () => {
    const config = { ...development, PUBLIC_URL: "https://book.example.com", PUBLIC_URL_SET: true };
    expect(requestPublicUrl(request("127.0.0.1:3000", onLoopback), config)).toBe("https://book.example.com");
  });

  it("never reads the Host header in production", () => {
    const config = { ...development, NODE_ENV: "production" as const };
    expect(requestPublicUrl(request("127.0.0.1:3000", onLoopback), config)).toBe("http://localhost:3000");
    expect(requestPublicUrl(request("evil.example:3000", onLoopback), config)).toBe("http://localhost:3000");
  });
});
