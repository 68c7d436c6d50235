import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWebhookRequest } from "./send-webhook-request.js";

describe("sendWebhookRequest", () => {
  let server: Server;
  let port: number;
  const paths: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      paths.push(request.url ?? "");
      if (request.url === "/redirect") {
        response.writeHead(302, { location: "/elsewhere" }).end();
      } else if (request.url === "/slow") {
        setTimeout(() => response.writeHead(200).end(), 2_000);
      } else {
        response.writeHead(204).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (url: string, allowPrivateAddresses = true, timeoutMs = 1_000) =>
    sendWebhookRequest(
      { url, headers: { "content-type": "application/json" }, body: "{}" },
      { timeoutMs, allowPrivateAddresses },
    );

  it("answers with the receiver's status and time", async () => {
    const response = await post(`http://127.0.0.1:${port}/ok`);
    expect(response).toMatchObject({ answered: true, status: 204 });
  });

  it("does not follow a redirect: the 3xx is the answer", async () => {
    paths.length = 0;
    expect(await post(`http://127.0.0.1:${port}/redirect`)).toMatchObject({ answered: true, status: 302 });
    expect(paths).toEqual(["/redirect"]);
  });

  it("gives up after the timeout", async () => {
    const response = await post(`http://127.0.0.1:${port}/slow`, true, 200);
    expect(response).toMatchObject({ answered: false, blocked: false, error: "no answer within 200 ms" });
  });

  it("refuses loopback by address and by a name that resolves to it when private addresses are not allowed", async () => {
    paths.length = 0;
    for (const url of [`http://127.0.0.1:${port}/a`, `http://localhost:${port}/b`, `http://[::1]:${port}/c`]) {
      const response = await post(url, false);
      expect(response).toMatchObject({ answered: false, blocked: true });
      if (!response.answered) expect(response.error).toMatch(/not a public address/);
    }
    expect(paths).toEqual([]);
  });

  it("refuses URLs that are not http(s)", async () => {
    expect(await post("file:///etc/passwd")).toMatchObject({ answered: false, blocked: false });
  });
});
