import type { ReactNode } from "react";
import { Card } from "./card.js";

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** The way forward, e.g. a link to book something. */
  action?: ReactNode;
}

/** What an empty list says instead: what is missing and, where there is one, what to do about it. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <Card className="text-center">
      <p className="font-medium text-stone-900">{title}</p>
      {children ? <div className="mt-1 text-sm text-stone-600">{children}</div> : null}
      {action ? <div className="mt-5 flex justify-center">{action}</div> : null}
    </Card>
  );
}
