import type { IncomingMessage } from "node:http";
import { createServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isClientGone } from "./client-gone.js";

describe("isClientGone", () => {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  afterEach(() => server.close());

  async function acceptedSocket(): Promise<Socket> {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const { connect } = await import("node:net");
    const client = connect(address.port, "127.0.0.1");
    client.on("error", () => {});
    while (sockets.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    return sockets[0] as Socket;
  }

  it("is false while the peer is connected, true once the socket is destroyed", async () => {
    const socket = await acceptedSocket();
    expect(isClientGone({ socket } as IncomingMessage)).toBe(false);
    socket.destroy();
    expect(isClientGone({ socket } as IncomingMessage)).toBe(true);
  });

  // Node reads the peer's address lazily: asked first after the handle closed, it is undefined.
  it("is true for a socket that lost its peer's address although not yet marked destroyed", () => {
    const socket = { destroyed: false, remoteAddress: undefined } as unknown as Socket;
    expect(isClientGone({ socket } as IncomingMessage)).toBe(true);
  });
});
