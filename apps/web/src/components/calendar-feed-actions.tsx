import { useState } from "react";
import { Button } from "./button.js";

export interface CalendarFeedActionsProps {
  /** What "Regenerate" replaces, for the confirmation: "your feed link", "your resource feed links". */
  subject: string;
  regenerating: boolean;
  revoking: boolean;
  /** Settles when the work is done; the confirmation stays (pending) until then. */
  onRegenerate: () => Promise<unknown>;
  onRevoke: () => Promise<unknown>;
}

type Confirming = "regenerate" | "revoke" | null;

/**
 * Regenerate and turn off, each confirmed first: either one stops the current link at once, and every calendar
 * subscribed to it stops updating until it subscribes to the new one.
 */
export function CalendarFeedActions({ subject, regenerating, revoking, onRegenerate, onRevoke }: CalendarFeedActionsProps) {
  const [confirming, setConfirming] = useState<Confirming>(null);
  if (confirming === null) {
    return (
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onPress={() => setConfirming("regenerate")}>
          Regenerate link
        </Button>
        <Button variant="secondary" onPress={() => setConfirming("revoke")}>
          Turn off feed
        </Button>
      </div>
    );
  }
  const regenerate = confirming === "regenerate";
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 sm:flex-row sm:items-center">
      <p className="flex-1">
        {regenerate
          ? `Replace ${subject}? The current one stops working at once; subscribe again with the new one.`
          : `Turn off ${subject}? Calendars subscribed to it stop updating at once.`}
      </p>
      <div className="flex gap-2">
        {/* Focus moves here, since the button that was pressed is gone. */}
        <Button
          variant="danger"
          autoFocus
          isPending={regenerate ? regenerating : revoking}
          pendingLabel={regenerate ? "Regenerating…" : "Turning off…"}
          onPress={() => {
            // A failure is shown by the card; the confirmation closes either way.
            void (regenerate ? onRegenerate : onRevoke)()
              .catch(() => undefined)
              .then(() => setConfirming(null));
          }}
        >
          {regenerate ? "Replace link" : "Turn off"}
        </Button>
        <Button variant="secondary" onPress={() => setConfirming(null)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
