import { Fragment } from "react";
import { classNames } from "../lib/class-names.js";

// http(s) only: a mailbox must not turn "javascript:" or other schemes into something clickable.
const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

export interface LinkifiedTextProps {
  text: string;
  className?: string;
}

/** Plain text (line breaks kept) with its web addresses made into links, for an email's text body. */
export function LinkifiedText({ text, className }: LinkifiedTextProps) {
  const parts: Array<{ kind: "text" | "link"; value: string; at: number }> = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    if (match.index > last) parts.push({ kind: "text", value: text.slice(last, match.index), at: last });
    parts.push({ kind: "link", value: match[0], at: match.index });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: "text", value: text.slice(last), at: last });

  return (
    <p className={classNames("whitespace-pre-wrap wrap-anywhere", className)}>
      {parts.map((part) =>
        part.kind === "link" ? (
          <a
            key={part.at}
            href={part.value}
            className="font-medium text-accent-700 underline underline-offset-2 hover:text-accent-800"
          >
            {part.value}
          </a>
        ) : (
          <Fragment key={part.at}>{part.value}</Fragment>
        ),
      )}
    </p>
  );
}
