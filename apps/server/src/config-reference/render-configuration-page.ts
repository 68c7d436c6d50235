// docs/configuration.md: the settings table from config.ts between a fixed introduction and the variables
// that only the tests, the bench and the Vite dev server read (they are no part of the server's config).
import type { SettingReference } from "./describe-settings.js";

const introduction = `# Configuration

<!-- Generated from apps/server/src/config.ts by \`pnpm docs:config\`; edit the descriptions there, not here. -->

The server reads its settings from environment variables, in \`apps/server/src/config.ts\` only. It
checks every setting at start. If a value is bad, the process prints \`Invalid configuration:\` with
one line per bad variable and exits with status 1. Bookable does not read \`.env\` files itself:
[\`.env.example\`](../.env.example) lists every setting with its default, to copy into whatever sets the
environment (\`node --env-file\`, \`docker run --env-file\`, a Kubernetes ConfigMap).

An empty value is the same as an unset one for the text, URL and key settings that default to unset; an empty
number reads as 0 (refused where 0 is not allowed), and an empty value of any other setting is refused. Settings
that belong together (\`TLS_CERT_FILE\` and \`TLS_KEY_FILE\`; each provider's keys) are needed all or none.
`;

const outsideTheServer = `
Outside the server:

| Variable | Default | Meaning |
| --- | --- | --- |
| \`TEST_DATABASE_URL\` | \`postgres://postgres@127.0.0.1:5432/test\` | PostgreSQL for the integration tests (and \`pnpm bench:notifications\`). Each test file creates its own database there and drops it afterwards, so the role needs the right to create databases. If no server answers within 2 seconds, the tests run on PGlite only and print a warning. |
| \`TEST_REDIS_URL\` | \`redis://127.0.0.1:6379\` | Redis for the tests of rate limits shared between instances. If it does not answer within 2 seconds, those tests are skipped with a warning. |
| \`BENCH_DATABASE_URL\` | \`postgres://postgres@127.0.0.1:5432/test\` | PostgreSQL for \`pnpm bench\`, which creates and drops its own database there. It must be on this machine (127.0.0.1, \`localhost\` or \`::1\`). |
| \`BENCH_WEB_CONCURRENCY\` | the number of CPUs | \`WEB_CONCURRENCY\` of the server \`pnpm bench\` starts (server processes), as production's default on PostgreSQL. |
| \`BENCH_CPU_PROFILE\` | unset | Any value: \`pnpm bench\` runs the server with \`--cpu-prof\` and writes V8 CPU profiles to \`apps/server/bench/results/profiles\`. |
| \`BOOKABLE_SERVER_URL\` | \`http://localhost:3000\` | Where the Vite dev server (\`pnpm dev\`) forwards \`/trpc\`, \`/api\`, \`/healthz\` and \`/readyz\`. |
`;

/** A table cell: one line, with the column separator escaped. */
function cell(markdown: string): string {
  return markdown.replace(/\s*\n\s*/g, " ").replaceAll("|", "\\|") || "—";
}

export function renderConfigurationPage(settings: SettingReference[]): string {
  const rows = settings.map((setting) =>
    [`\`${setting.name}\``, setting.type, setting.defaultValue, setting.allowed, setting.description].map(cell).join(" | "),
  );
  const table = [
    "| Variable | Type | Default | Allowed | Meaning |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row} |`),
  ];
  return `${introduction}\n${table.join("\n")}\n${outsideTheServer}`;
}
