import type { ReactNode } from "react";
import { classNames } from "../lib/class-names.js";

export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "accent";

export interface BadgeProps {
  tone?: BadgeTone;
  children: ReactNode;
  className?: string;
}

const toneClasses: Record<BadgeTone, string> = {
  neutral: "bg-stone-100 text-stone-700 ring-stone-200",
  success: "bg-accent-50 text-accent-800 ring-accent-200",
  warning: "bg-amber-50 text-amber-800 ring-amber-200",
  danger: "bg-red-50 text-red-800 ring-red-200",
  accent: "bg-accent-700 text-white ring-accent-700",
};

/** A short label beside something ("Verified", "This device"); the words carry the meaning, not the colour. */
export function Badge({ tone = "neutral", children, className }: BadgeProps) {
  return (
    <span
      className={classNames(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        toneClasses[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
