import { classNames } from "../lib/class-names.js";

export interface LogoMarkProps {
  className?: string;
}

/** Bookable's mark: a calendar with a tick. Decorative; the wordmark beside it carries the name. */
export function LogoMark({ className }: LogoMarkProps) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className={classNames("size-8", className)}>
      <rect width="32" height="32" rx="8" className="fill-accent-700" />
      <rect x="8" y="9" width="16" height="15" rx="2.5" fill="none" stroke="white" strokeWidth="2" />
      <path d="M8 14h16M12 7v4M20 7v4" stroke="white" strokeWidth="2" strokeLinecap="round" />
      <path
        d="m12.5 19 2.5 2.5 4.5-4.5"
        fill="none"
        stroke="white"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
