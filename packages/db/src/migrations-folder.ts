import { fileURLToPath } from "node:url";

/** The committed SQL migrations of this package, when running from source. */
export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));
