import type { ReactNode } from "react";

export interface WidePageProps {
  children: ReactNode;
}

/** The header's width: for lists, tables and the month calendar beside its times, which need the room. */
export function WidePage({ children }: WidePageProps) {
  return <div className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 sm:py-12">{children}</div>;
}
