// Loads a vendor's API description into openapi-backend once per process, for the fakes that validate every
// request against it (Resend, Twilio). Stripe's fake has its own loader in stripe-openapi.ts.
import { readFile } from "node:fs/promises";
import { type Document, OpenAPIBackend } from "openapi-backend";

/** An Ajv format: a pattern or a test of the (string) value. */
export type VendorFormat = RegExp | ((value: string) => boolean);

export interface VendorSpec {
  /** Names the document in timings and errors, e.g. "resend". */
  name: string;
  file: URL;
  /**
   * Form bodies carry every value as a string: coerce them to the schema's types. A JSON body is left as sent,
   * so a number where the document wants a string is refused instead of quietly becoming "42".
   */
  coerceBody: boolean;
  /** The document's own `format`s; Ajv ignores unknown ones with a console warning per schema. */
  formats: Readonly<Record<string, VendorFormat>>;
}

export interface VendorSpecTimings {
  /** Reading and JSON-parsing the document. */
  readonly readMs: number;
  /** openapi-backend's init: dereferencing the document and building the router. */
  readonly initMs: number;
}

// Every fake server of a vendor in a process shares one backend; keyed by spec name.
const backends = new Map<string, Promise<OpenAPIBackend>>();
const timings = new Map<string, VendorSpecTimings>();

export function vendorOpenApi(spec: VendorSpec): Promise<OpenAPIBackend> {
  let backend = backends.get(spec.name);
  if (backend === undefined) {
    backend = initVendorOpenApi(spec);
    backends.set(spec.name, backend);
    // Let a later call try again instead of caching the failure for the whole process.
    backend.catch(() => backends.delete(spec.name));
  }
  return backend;
}

/** How long loading a vendor's document took; undefined until it has loaded. */
export function vendorSpecTimings(name: string): VendorSpecTimings | undefined {
  return timings.get(name);
}

async function initVendorOpenApi(spec: VendorSpec): Promise<OpenAPIBackend> {
  const started = performance.now();
  const definition: unknown = JSON.parse(await readFile(spec.file, "utf8"));
  if (typeof definition !== "object" || definition === null || !("openapi" in definition) || !("paths" in definition)) {
    throw new Error(`${spec.file.pathname} is not an OpenAPI document`);
  }
  const read = performance.now();
  const api = new OpenAPIBackend({
    // Checked just above as far as the backend relies on it; the rest is the vendor's word.
    definition: definition as Document,
    // Dereferences synchronously and compiles an operation's validators on its first request, instead of all of
    // them (and their response validators) up front. Also skips validating the document itself, which we trust.
    quick: true,
    strict: true,
    // Path and query values are strings in any API; openapi-backend coerces them on its own.
    coerceTypes: true,
    ajvOpts: { coerceTypes: spec.coerceBody ? "array" : false },
    customizeAjv: (ajv) => {
      for (const [name, format] of Object.entries(spec.formats)) ajv.addFormat(name, format);
      return ajv;
    },
  });
  await api.init();
  timings.set(spec.name, { readMs: read - started, initMs: performance.now() - read });
  return api;
}
