// The docs a newcomer reads first stay short, and no relative link in them leads nowhere, neither to a
// missing file nor to a missing heading (issue 14).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

const lineLimits = { "README.md": 250, "ARCHITECTURE.md": 300 };

function markdownFilesUnder(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".md"))
    .map((file) => path.join(folder, file));
}

const checkedFiles = ["README.md", "ARCHITECTURE.md", "CONTRIBUTING.md", ...markdownFilesUnder("docs")];

const withoutCodeBlocks = (markdown: string) => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");

/** Link targets outside code: inline `[text](target)` and reference definitions `[id]: target`. */
export function linkTargets(markdown: string): string[] {
  const prose = withoutCodeBlocks(markdown)
    .replace(/`[^`\n]*`/g, "")
    .replace(/<!--[\s\S]*?-->/g, "");
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1] ?? "");
  const references = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((match) => match[1] ?? "");
  return [...inline, ...references];
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const match of withoutCodeBlocks(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = (match[1] ?? "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const repeats = seen.get(slug) ?? 0;
    seen.set(slug, repeats + 1);
    anchors.add(repeats === 0 ? slug : `${slug}-${repeats}`);
  }
  return anchors;
}

function isRelative(target: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("#") && !target.startsWith("/");
}

describe("the docs", () => {
  for (const [file, limit] of Object.entries(lineLimits)) {
    it(`${file} stays within ${limit} lines`, () => {
      const lines = readFileSync(path.join(root, file), "utf8").trimEnd().split("\n").length;
      expect(lines, `${file} has ${lines} lines; move detail to docs/ and link it`).toBeLessThanOrEqual(limit);
    });
  }

  it("finds the links it checks", () => {
    expect(linkTargets("See [a](docs/a.md#x) and [b][b].\n\n[b]: ./b.md\n`[c](c.md)`\n```\n[d](d.md)\n```\n")).toEqual([
      "docs/a.md#x",
      "./b.md",
    ]);
  });

  it("knows the anchors GitHub makes", () => {
    expect([
      ...headingAnchors("# Server processes (WEB_CONCURRENCY)\n## 3. HTTPS\n## `pnpm test`\n## Notes\n## Notes\n"),
    ]).toEqual(["server-processes-web_concurrency", "3-https", "pnpm-test", "notes", "notes-1"]);
  });

  it.each(checkedFiles)("%s links to headings that exist", (file) => {
    const broken = linkTargets(readFileSync(path.join(root, file), "utf8"))
      .filter((target) => (isRelative(target) || target.startsWith("#")) && target.includes("#"))
      .filter((target) => {
        const [page = "", anchor = ""] = target.split("#");
        const resolved = page === "" ? path.join(root, file) : path.resolve(root, path.dirname(file), decodeURIComponent(page));
        if (!resolved.endsWith(".md") || !existsSync(resolved)) return false;
        return !headingAnchors(readFileSync(resolved, "utf8")).has(decodeURIComponent(anchor));
      });
    expect(broken, `links in ${file} to headings that do not exist`).toEqual([]);
  });

  it.each(checkedFiles)("%s links only to files that exist", (file) => {
    const broken = linkTargets(readFileSync(path.join(root, file), "utf8"))
      .filter(isRelative)
      .map((target) => decodeURIComponent(target.split("#")[0] ?? ""))
      .filter((target) => target !== "")
      .filter((target) => {
        const resolved = path.resolve(root, path.dirname(file), target);
        return !existsSync(resolved) || (target.endsWith("/") && !statSync(resolved).isDirectory());
      });
    expect(broken, `broken relative links in ${file}`).toEqual([]);
  });
});
