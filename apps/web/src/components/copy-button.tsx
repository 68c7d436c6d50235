import { useEffect, useState } from "react";
import { Button } from "./button.js";

export interface CopyButtonProps {
  /** What goes to the clipboard. */
  text: string;
  /** Accessible name, e.g. "Copy API key"; the visible word stays "Copy". */
  "aria-label"?: string;
}

type CopyState = "idle" | "copied" | "failed";

/**
 * Copies `text` to the clipboard and says so. The Clipboard API exists only on secure origins (https
 * or localhost), so elsewhere it explains how to copy by hand instead of failing silently.
 */
export function CopyButton({ text, "aria-label": ariaLabel }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state !== "copied") return;
    // Back to "Copy" after a moment, so a second copy gets fresh feedback.
    const timer = window.setTimeout(() => setState("idle"), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };

  return (
    <div className="flex flex-col gap-1">
      <Button variant="secondary" aria-label={ariaLabel} onPress={() => void copy()}>
        {state === "copied" ? "Copied" : "Copy"}
      </Button>
      {/* Announced without moving focus; the button's own label changes too, but is not read out again. */}
      <span aria-live="polite" className="sr-only">
        {state === "copied" ? "Copied to the clipboard" : ""}
      </span>
      {state === "failed" ? (
        <span className="text-xs text-stone-600">Copying is blocked here: select the text and press Ctrl+C or ⌘C.</span>
      ) : null}
    </div>
  );
}
