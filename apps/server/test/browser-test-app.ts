import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launchChromium } from "@bookable/testing/chromium";
import { freePort } from "@bookable/testing/free-port";
import type { Browser } from "playwright-core";
import { defaultWebDistDir } from "../src/asset-paths.js";
import { buildTestServer, type TestServer } from "./test-server.js";

export interface BrowserTestApp {
  server: TestServer;
  /** Where the browser opens the app: http://127.0.0.1:PORT, also the server's PUBLIC_URL. */
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The built web app served by a test server listening on 127.0.0.1, plus a headless Chromium. PUBLIC_URL
 * is the address the browser uses, so links built from it (emails) open as a person would open them.
 */
export async function startBrowserTestApp(environment: Record<string, string> = {}): Promise<BrowserTestApp> {
  const builtWebApp = defaultWebDistDir();
  if (!existsSync(path.join(builtWebApp, "index.html")))
    throw new Error(`The web app is not built (${builtWebApp}); run pnpm build`);
  // A private copy: another test file may rebuild dist/ while this one serves it.
  const webDist = mkdtempSync(path.join(tmpdir(), "bookable-web-"));
  cpSync(builtWebApp, webDist, { recursive: true });
  const port = await freePort();
  const server = await buildTestServer(
    { driver: "pglite" },
    { WEB_DIST_DIR: webDist, LOG_LEVEL: "warn", PUBLIC_URL: `http://127.0.0.1:${port}`, ...environment },
  );
  const baseUrl = await server.app.listen({ host: "127.0.0.1", port });
  const browser = await launchChromium();
  return {
    server,
    baseUrl,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(webDist, { recursive: true, force: true });
    },
  };
}
