import { classNames } from "../lib/class-names.js";
import { Spinner } from "./spinner.js";

export interface LoadingStateProps {
  /** What is loading, in words, e.g. "Loading your devices…". */
  label: string;
  className?: string;
}

/** The spinner and its words while a list or page loads; the words are what a screen reader gets. */
export function LoadingState({ label, className }: LoadingStateProps) {
  return (
    <div className={classNames("flex items-center gap-2 py-4 text-sm text-stone-500", className)}>
      <Spinner className="text-accent-700" />
      <span>{label}</span>
    </div>
  );
}
