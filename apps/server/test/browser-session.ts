import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { type BrowserTestApp, startBrowserTestApp } from "./browser-test-app.js";
import type { TestServer } from "./test-server.js";

/** What a browser test works with; read the fields inside tests and hooks, once the hooks have set them. */
export interface BrowserSession {
  readonly server: TestServer;
  /** Where the browser opens the app (also the server's PUBLIC_URL). */
  readonly baseUrl: string;
  readonly browser: Browser;
  /** This test's own browser context. */
  readonly context: BrowserContext;
  /** This test's page, in `context`. */
  readonly page: Page;
}

export interface BrowserSessionOptions {
  /** Extra server environment, e.g. a higher AUTH_RATE_LIMIT_PER_MINUTE for files that sign in often. */
  environment?: Record<string, string>;
  /** Options for every test's browser context, e.g. the time zone and locale the browser reports. */
  context?: BrowserContextOptions;
}

/**
 * Registers, in the describe block it is called in, the hooks every browser test file needs: one app
 * (server and Chromium) for the whole file, and a fresh browser context with one page for every test,
 * so no cookie is carried from one test to the next. A hook the file registers after this call runs
 * after these (vitest runs `before*` hooks in the order they are defined), so it may use the session.
 *
 * The fields are getters because the hooks set them only when the tests run: read them inside tests
 * and hooks (`const { page, baseUrl } = session;`), not while the describe block is being collected.
 */
export function useBrowserSession(options: BrowserSessionOptions = {}): BrowserSession {
  let app: BrowserTestApp | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    app = await startBrowserTestApp(options.environment);
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    context = await ready(app, "browser").browser.newContext(options.context);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    page = undefined;
  });

  return {
    get server() {
      return ready(app, "server").server;
    },
    get baseUrl() {
      return ready(app, "baseUrl").baseUrl;
    },
    get browser() {
      return ready(app, "browser").browser;
    },
    get context() {
      return ready(context, "context");
    },
    get page() {
      return ready(page, "page");
    },
  };
}

/** Fails with a clear message instead of a TypeError on `undefined` when a field is read too early. */
function ready<T>(value: T | undefined, field: string): T {
  if (value === undefined)
    throw new Error(`The browser session's ${field} is read before its hooks set it up (or after they closed it)`);
  return value;
}

/** Fills the sign-in form on the current page and submits it. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}
