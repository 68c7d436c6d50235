import type { ComponentProps, ReactNode } from "react";
import { classNames } from "../lib/class-names.js";

export interface CardProps extends Omit<ComponentProps<"div">, "title"> {
  /** Heading of the card; rendered as an h2 unless `headingLevel` says otherwise. */
  title?: ReactNode;
  /** A line under the title. */
  description?: ReactNode;
  headingLevel?: 1 | 2 | 3;
}

/** A white panel that groups related content: forms, confirmations, features. */
export function Card({ title, description, headingLevel = 2, className, children, ...props }: CardProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div {...props} className={classNames("rounded-2xl border border-stone-200 bg-white p-6 shadow-sm sm:p-8", className)}>
      {title || description ? (
        <header className="mb-6 flex flex-col gap-1.5">
          {title ? <Heading className="text-xl font-semibold tracking-tight text-stone-900">{title}</Heading> : null}
          {description ? <p className="text-sm text-stone-600">{description}</p> : null}
        </header>
      ) : null}
      {children}
    </div>
  );
}
