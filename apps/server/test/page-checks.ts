// Checks a browser test runs on a whole page: axe-core's violations, and whether anything is wider than
// the screen. Shared by the layout and accessibility tests.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = createRequire(import.meta.url)("axe-core").source as string;

/**
 * axe-core's violations on the page, or inside `include` (a CSS selector), as "rule: target" lines (empty when
 * it passes). `iframes: false` leaves out frames axe cannot enter (a sandboxed email preview has no scripts).
 */
export async function pageAccessibilityViolations(
  page: Page,
  options: { include?: string; iframes?: boolean } = {},
): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy forbids inline scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(
    async ({ include, iframes }) => {
      const axe = (
        window as unknown as {
          axe: {
            run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(include ? { include: [include] } : document, { iframes });
      return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")}`));
    },
    { include: options.include ?? null, iframes: options.iframes ?? true },
  );
}

/**
 * How far the page is wider than the screen, in CSS pixels (0 when it fits), and the widest elements that
 * stick out, so a failure names its culprit.
 */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const overflow = Math.max(0, root.scrollWidth - root.clientWidth);
    const culprits: string[] = [];
    if (overflow > 0) {
      for (const element of Array.from(document.body.querySelectorAll("*"))) {
        const box = element.getBoundingClientRect();
        // Content of a scrolling box (a wide table in its own scroller) is that box's business, not the page's.
        let clipped = false;
        for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
          if (getComputedStyle(parent).overflowX !== "visible") clipped = true;
        }
        if (!clipped && box.right > root.clientWidth + 1 && box.width > 0) {
          const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${String(element.className).split(" ").slice(0, 3).join(".")}`;
          culprits.push(`${name} (right ${Math.round(box.right)})`);
        }
      }
    }
    return { overflow, culprits: culprits.slice(0, 5) };
  });
}
