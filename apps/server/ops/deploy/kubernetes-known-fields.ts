// Finds fields that the Kubernetes API does not know. The JSON schemas in kubernetes-models accept any
// extra property (so `readOnlyRootFileSystem: true` or `ttlSecondAfterFinished: 60` would pass them and be
// dropped or refused by the cluster); the models' TypeScript declarations, however, name every field of every
// type. This reads those declarations with the TypeScript compiler and walks each manifest against them.
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export interface KindReference {
  apiVersion: string;
  kind: string;
}

export interface UnknownFieldChecker {
  /** Every path in `manifest` that its kind's declaration does not name, e.g. `spec.template.spec.containers[0].commnd`. */
  unknownFields(manifest: KindReference & Record<string, unknown>): string[];
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Builds one TypeScript program that imports the declaration of every kind in `kinds` (e.g. apps/v1 Deployment). */
export function createUnknownFieldChecker(kinds: readonly KindReference[]): UnknownFieldChecker {
  const unique = [...new Map(kinds.map((kind) => [typeKey(kind), kind])).values()];
  const entryFile = path.join(here, "__kubernetes-kinds__.ts");
  const entrySource = unique
    .map(
      (kind, index) =>
        `import type { I${kind.kind} as T${index} } from "kubernetes-models/${kind.apiVersion}/${kind.kind}";\nexport type { T${index} };`,
    )
    .join("\n");
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    path.resolve(fileName) === entryFile
      ? ts.createSourceFile(fileName, entrySource, languageVersion)
      : getSourceFile(fileName, languageVersion, ...rest);
  host.fileExists = (fileName) => path.resolve(fileName) === entryFile || fileExists(fileName);
  host.readFile = (fileName) => (path.resolve(fileName) === entryFile ? entrySource : readFile(fileName));
  const program = ts.createProgram({ rootNames: [entryFile], options, host });
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(entryFile);
  if (!entry) throw new Error("the kinds' entry file was not loaded");
  const unresolved = ts.getPreEmitDiagnostics(program, entry).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  if (unresolved.length > 0) throw new Error(`kubernetes-models declarations did not load:\n${unresolved.join("\n")}`);

  const moduleSymbol = checker.getSymbolAtLocation(entry);
  if (!moduleSymbol) throw new Error("the kinds' entry file has no exports");
  const exported = new Map(checker.getExportsOfModule(moduleSymbol).map((symbol) => [symbol.name, symbol]));
  const types = new Map<string, ts.Type>();
  unique.forEach((kind, index) => {
    const symbol = exported.get(`T${index}`);
    if (!symbol) throw new Error(`no declaration for ${typeKey(kind)}`);
    types.set(typeKey(kind), checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol)));
  });

  function walk(value: unknown, type: ts.Type, at: string, found: string[]): void {
    if (value === null || typeof value !== "object") return;
    const candidates = (type.isUnion() ? type.types : [type]).filter(
      (member) => !(member.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)),
    );
    if (candidates.some((member) => member.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return;
    if (Array.isArray(value)) {
      const element = candidates
        .filter((member) => checker.isArrayType(member))
        .map((member) => checker.getTypeArguments(member as ts.TypeReference)[0]);
      const elementType = element[0];
      if (!elementType) {
        found.push(
          `${at} (a list where the API expects ${candidates.map((member) => checker.typeToString(member)).join(" | ")})`,
        );
        return;
      }
      for (const [index, item] of value.entries()) walk(item, elementType, `${at}[${index}]`, found);
      return;
    }
    const objects = candidates.filter((member) => member.flags & ts.TypeFlags.Object && !checker.isArrayType(member));
    if (objects.length === 0) return; // a scalar where an object sits: the JSON schema reports that
    for (const [key, child] of Object.entries(value)) {
      const childAt = at ? `${at}.${key}` : key;
      const property = objects.map((member) => checker.getPropertyOfType(member, key)).find((symbol) => symbol !== undefined);
      if (property) {
        walk(child, checker.getTypeOfSymbol(property), childAt, found);
        continue;
      }
      const indexed = objects
        .map((member) => checker.getIndexTypeOfType(member, ts.IndexKind.String))
        .find((symbol) => symbol !== undefined);
      if (indexed) walk(child, indexed, childAt, found);
      else found.push(childAt);
    }
  }

  return {
    unknownFields(manifest) {
      const type = types.get(typeKey(manifest));
      if (!type) throw new Error(`the checker was not built for ${typeKey(manifest)}`);
      const found: string[] = [];
      walk(manifest, type, "", found);
      return found;
    },
  };
}

function typeKey(kind: KindReference): string {
  return `${kind.apiVersion}/${kind.kind}`;
}
