import { defineConfig } from "drizzle-kit";

// Only used by `pnpm db:generate` to write SQL migrations from the schema; the app applies them itself.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema.ts",
  out: "./migrations",
});
