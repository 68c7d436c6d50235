import { Button } from "./button.js";
import { CopyButton } from "./copy-button.js";
import { TextField } from "./text-field.js";

export interface WebhookSecretRevealProps {
  /** The endpoint's URL, to say whose secret this is. */
  url: string;
  secret: string;
  /** After a rotation the previous secret still signs for a day: say so. */
  rotated: boolean;
  onDone: () => void;
}

/** Moves focus to the panel, so keyboard and screen-reader users land on the secret. */
function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

/**
 * A signing secret, shown once: the server keeps it sealed for signing and never shows it again, so it is
 * copied now or rotated later.
 */
export function WebhookSecretReveal({ url, secret, rotated, onDone }: WebhookSecretRevealProps) {
  return (
    <section
      ref={focusOnMount}
      tabIndex={-1}
      aria-labelledby="webhook-secret-heading"
      className="flex flex-col gap-4 rounded-xl border border-amber-200 bg-amber-50 p-4 outline-none"
    >
      <div>
        <h2 id="webhook-secret-heading" className="font-semibold text-amber-950">
          Copy the signing secret now
        </h2>
        <p className="mt-1 text-sm break-all text-amber-900">
          For {url}. You won't see it again: your receiver verifies every delivery's signature with it. If you lose it, rotate the
          secret.
          {rotated ? " The previous secret keeps signing deliveries for 24 hours, so switch your receiver before then." : ""}
        </p>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <TextField
          label="Signing secret"
          value={secret}
          isReadOnly
          spellCheck="false"
          className="flex-1 font-mono"
          onFocus={(event) => event.target.select()}
        />
        <CopyButton text={secret} aria-label="Copy the signing secret to the clipboard" />
      </div>
      <div>
        <Button variant="quiet" onPress={onDone}>
          I've saved it
        </Button>
      </div>
    </section>
  );
}
