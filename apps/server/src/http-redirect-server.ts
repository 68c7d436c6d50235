import { createServer, type Server } from "node:http";

/**
 * HTTP_REDIRECT_PORT: a plain-HTTP listener beside the HTTPS server that answers every request with a 308
 * to the same path on https (same host, the default port), so old links and typed addresses still work.
 */
export function startHttpRedirect(host: string, port: number): Server {
  const server = createServer((request, response) => {
    const hostname = (request.headers.host ?? "localhost").replace(/:\d+$/, "");
    response.writeHead(308, { location: `https://${hostname}${request.url ?? "/"}` }).end();
  });
  server.listen(port, host);
  return server;
}
