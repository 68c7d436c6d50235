// Core is layered (issue 14, docs/decisions/029-layered-core.md): no two top-level folders import each other,
// directly or round a longer loop, and no file imports itself back. A circle makes a folder impossible to
// read, test or move on its own, so the machine keeps the promise rather than review.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const coreSource = dirname(fileURLToPath(import.meta.url));

/** Every non-test TypeScript file of core, relative to its src folder. */
function sourceFiles(): string[] {
  return readdirSync(coreSource, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith(".bench.ts"))
    .map((file) => file.split("\\").join("/"));
}

/** File → the core files it imports (type-only imports count: they bind the folders together too). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(coreSource, file), "utf8"), true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) =>
        relative(coreSource, resolve(coreSource, dirname(file), specifier))
          .split("\\")
          .join("/"),
      )
      .map((target) => target.replace(/\.js$/, ".ts"))
      .map((target) => (known.has(target) ? target : `${target}/index.ts`))
      .filter((target) => known.has(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The strongly connected components with more than one node, or a node importing itself (Tarjan). */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The top-level folder a file lives in; files directly in src/ (index, app-error) are not a folder. */
function folderOf(file: string): string | null {
  const slash = file.indexOf("/");
  return slash === -1 ? null : file.slice(0, slash);
}

function folderGraph(files: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = folderOf(file);
    if (from === null) continue;
    const edges = folders.get(from) ?? new Set<string>();
    folders.set(from, edges);
    for (const target of targets) {
      const to = folderOf(target);
      if (to !== null && to !== from) edges.add(to);
    }
  }
  return new Map([...folders].map(([folder, edges]) => [folder, [...edges]]));
}

/** Each import that crosses between two folders of one circle, so a failure says which lines to change. */
function folderCircleImports(files: ReadonlyMap<string, readonly string[]>): string[] {
  const lines: string[] = [];
  for (const circle of circles(folderGraph(files))) {
    for (const [file, targets] of files) {
      for (const target of targets) {
        const from = folderOf(file);
        const to = folderOf(target);
        if (from !== to && from !== null && to !== null && circle.includes(from) && circle.includes(to)) {
          lines.push(`${from} → ${to}: ${file} imports ${target}`);
        }
      }
    }
  }
  return lines.sort();
}

/** The folders a folder imports, directly. */
function importsOf(files: ReadonlyMap<string, readonly string[]>, folder: string): string[] {
  return folderGraph(files).get(folder) ?? [];
}

describe("core's import graph", () => {
  const files = importGraph(sourceFiles());

  it("reads the whole of core", () => {
    // A resolver that silently found nothing would pass every check below.
    expect(files.size).toBeGreaterThan(50);
    expect(files.get("bookings/book-slot.ts")?.length).toBeGreaterThan(0);
  });

  it("has no circle between its top-level folders", () => {
    expect(folderCircleImports(files)).toEqual([]);
  });

  // The layers of decision record 029: the booking store (rows, seats, mapping) sits below the flows
  // (bookings/) and is what payments, notifications and resources build on; flows call them, never the reverse.
  it("keeps the booking store below the flows", () => {
    expect(importsOf(files, "booking-store")).not.toContain("bookings");
    for (const folder of ["booking-store", "payments", "notifications", "resources"]) {
      expect({ folder, imports: importsOf(files, folder).filter((to) => to === "bookings") }).toEqual({ folder, imports: [] });
    }
    for (const flow of ["payments", "notifications", "resources"]) {
      expect({ folder: "booking-store", imports: importsOf(files, "booking-store").filter((to) => to === flow) }).toEqual({
        folder: "booking-store",
        imports: [],
      });
    }
  });

  it("has no circle between its files", () => {
    expect(circles(files)).toEqual([]);
  });
});
