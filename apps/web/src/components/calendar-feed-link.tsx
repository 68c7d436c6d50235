import type { CalendarFeedLinkOutput } from "@bookable/validators";
import { buttonStyles } from "./button-styles.js";
import { CopyButton } from "./copy-button.js";
import { TextField } from "./text-field.js";

export interface CalendarFeedLinkProps {
  feed: CalendarFeedLinkOutput;
  /** The address field's label, e.g. "Feed address". */
  label: string;
}

/**
 * A calendar feed's two faces: the `webcal://` link, which opens the system's calendar app to subscribe, and
 * the https address to copy into a web calendar's "subscribe from URL" field (Google Calendar, Outlook on the web).
 */
export function CalendarFeedLink({ feed, label }: CalendarFeedLinkProps) {
  return (
    <div className="flex flex-col gap-4">
      <div>
        <a href={feed.webcalUrl} className={buttonStyles({ variant: "primary" })}>
          Subscribe in your calendar app
        </a>
      </div>
      <div className="flex flex-col gap-2">
        <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <TextField
            label={label}
            value={feed.url}
            isReadOnly
            spellCheck="false"
            className="min-w-0 flex-1"
            inputClassName="w-full font-mono"
            onFocus={(event) => event.target.select()}
          />
          <CopyButton text={feed.url} aria-label={`Copy ${label.toLowerCase()}`} />
        </div>
        <p className="text-sm text-stone-500">
          For Google Calendar or Outlook on the web: add a calendar “From URL” and paste this address.
        </p>
      </div>
    </div>
  );
}
