import type { ReactNode } from "react";

export interface NarrowPageProps {
  children: ReactNode;
}

/** Narrow centred column: a single-purpose form reads best at about 28rem. */
export function NarrowPage({ children }: NarrowPageProps) {
  return <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16">{children}</div>;
}
