import type { ReactNode } from "react";

export interface PageHeadingProps {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links beside the title, e.g. "New resource". */
  actions?: ReactNode;
}

/** The h1 of a page with a line under it and, on wide screens, its actions on the right. */
export function PageHeading({ title, description, actions }: PageHeadingProps) {
  return (
    <div className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight text-stone-900">{title}</h1>
        {description ? <p className="mt-2 text-stone-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 gap-2">{actions}</div> : null}
    </div>
  );
}
