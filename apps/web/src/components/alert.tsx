import type { ReactNode } from "react";
import { classNames } from "../lib/class-names.js";

export type AlertTone = "error" | "info" | "success";

export interface AlertProps {
  tone?: AlertTone;
  title: ReactNode;
  children?: ReactNode;
  className?: string;
}

const toneClasses: Record<AlertTone, string> = {
  error: "border-red-200 bg-red-50 text-red-900",
  info: "border-stone-200 bg-stone-100 text-stone-800",
  success: "border-accent-200 bg-accent-50 text-accent-900",
};

const iconPaths: Record<AlertTone, string> = {
  error:
    "M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z",
  info: "M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.253a.25.25 0 0 1 .244.304l-.459 2.066A1.75 1.75 0 0 0 10.747 15H11a.75.75 0 0 0 0-1.5h-.253a.25.25 0 0 1-.244-.304l.459-2.066A1.75 1.75 0 0 0 9.253 9H9Z",
  success:
    "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.857-9.809a.75.75 0 0 0-1.214-.882l-3.483 4.79-1.88-1.88a.75.75 0 1 0-1.06 1.061l2.5 2.5a.75.75 0 0 0 1.137-.089l4-5.5Z",
};

/**
 * A message about the page as a whole. Errors use role="alert" so screen readers interrupt with
 * them at once; other tones use role="status", which waits for a pause.
 */
export function Alert({ tone = "info", title, children, className }: AlertProps) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={classNames("flex gap-3 rounded-xl border p-4 text-sm", toneClasses[tone], className)}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-px size-5 shrink-0 opacity-80">
        <path fillRule="evenodd" d={iconPaths[tone]} clipRule="evenodd" />
      </svg>
      <div className="flex flex-col gap-1">
        <p className="font-semibold">{title}</p>
        {children ? <div className="text-current/90">{children}</div> : null}
      </div>
    </div>
  );
}
