// pnpm --filter @bookable/client generate: rewrites src/generated/api.ts from the REST API's OpenAPI document.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { apiTypesSource } from "./api-types-source.js";

const target = fileURLToPath(new URL("../src/generated/api.ts", import.meta.url));
writeFileSync(target, await apiTypesSource());
console.log(`wrote ${target}`);
