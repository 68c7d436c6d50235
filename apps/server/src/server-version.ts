import { createRequire } from "node:module";

// Read at build time by esbuild (JSON is inlined), at run time from source by Node.
const packageJson = createRequire(import.meta.url)("../package.json") as { version: string };

/** The server's version, published in the OpenAPI document. */
export const serverVersion: string = packageJson.version;
