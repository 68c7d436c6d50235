import { configDefaults, defineConfig } from "vitest/config";

// Three test tiers as Vitest projects (issue 14; docs/decisions/025-test-tiers.md). A test file's tier follows
// from its name and, for the few files whose name does not say it, from the lists below:
// - unit: every other *.test.ts(x). No I/O — no database, no server or socket of its own, no browser, no
//   build. The unit setup file refuses sockets, so a file that needs one fails loudly and belongs below.
// - integration: *.api.test.ts (the server on PGlite and PostgreSQL) and files that open a database or
//   start a local server (a fake vendor API, an OAuth provider).
// - e2e: real Chromium (*.browser.test.ts), the built production artefact and bundle, the Dockerfile and
//   Kubernetes manifests, multi-process and multi-instance runs. Only this tier needs `pnpm build`.
const sources = "{apps,packages}/*/src";
const testFiles = `${sources}/**/*.test.{ts,tsx}`;

const endToEndFiles = [
  `${sources}/**/*.browser.test.{ts,tsx}`,
  "apps/server/src/production-artifact.test.ts",
  "apps/server/src/embedded-database-commands.test.ts",
  "apps/server/src/dockerfile.test.ts",
  // The ops checks sit beside the server's source, not in it (apps/server/ops): manifests and the nginx scale-out.
  "apps/server/ops/**/*.test.ts",
  "apps/server/src/web-concurrency.api.test.ts",
];

const integrationFiles = [
  `${sources}/**/*.api.test.{ts,tsx}`,
  // The db package's tests all open a database; the fakes are local HTTP servers.
  "packages/db/src/**/*.test.ts",
  "packages/testing/src/fake-*.test.ts",
  // Named *.test.ts but open a database (openTestDatabase) ...
  "apps/server/src/seed.test.ts",
  "packages/core/src/accounts/register-user.test.ts",
  "packages/core/src/idempotency/with-idempotency.test.ts",
  "packages/core/src/notifications/undeliverable-addresses.test.ts",
  "packages/core/src/maintenance/**/*.test.ts",
  // ... or a server of their own (a socket, an OAuth provider, the Resend and Twilio fakes).
  "apps/server/src/plugins/client-gone.test.ts",
  "packages/auth/src/oauth/github-provider.test.ts",
  "packages/integrations/src/email/resend-email-batches.test.ts",
  "packages/integrations/src/email/resend-email-sender.test.ts",
  "packages/integrations/src/sms/twilio-sms-sender.test.ts",
  "packages/core/src/webhooks/send-webhook-request.test.ts",
];

// Decides which databases (PGlite always, PostgreSQL when it answers) and which Redis the tests use.
const databaseTargets = ["./vitest.global-setup.ts"];

export default defineConfig({
  test: {
    // Inherited by every project (an inline project extends this file). Integration tests open real
    // databases and a real browser; a slow CI machine needs headroom.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
    projects: [
      {
        test: {
          name: "unit",
          // The guard's own test sits beside it at the root; the docs' checks sit with the docs scripts.
          include: [testFiles, "vitest.unit-setup.test.ts", "scripts/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...integrationFiles, ...endToEndFiles],
          setupFiles: ["./vitest.unit-setup.ts"],
          // Worker threads start faster than child processes; each file still gets a fresh one (isolated).
          pool: "threads",
        },
      },
      {
        test: {
          name: "integration",
          include: integrationFiles,
          exclude: [...configDefaults.exclude, ...endToEndFiles],
          globalSetup: databaseTargets,
        },
      },
      {
        test: {
          name: "e2e",
          include: endToEndFiles,
          globalSetup: databaseTargets,
        },
      },
    ],
  },
});
