import type { ReactNode } from "react";
import { isServerFault, type ServerError } from "../lib/read-server-error.js";
import { Alert } from "./alert.js";
import { Button } from "./button.js";

export interface ServerErrorAlertProps {
  /** What failed, e.g. "We couldn't sign you in". */
  title: ReactNode;
  error: ServerError;
  /** Offers a "Try again" button, for a list that failed to load. */
  onRetry?: (() => void) | undefined;
  /** Extra guidance under the message, e.g. a link to ask for a new email. */
  children?: ReactNode;
  className?: string;
}

/** "30 seconds", "2 minutes": a person does not count in seconds beyond a minute. */
function describeWait(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return whole === 1 ? "1 second" : `${whole} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/**
 * A failed server call as a person should see it: the server's message, when to try again after a
 * rate limit, and, for a fault on the server's side that the person cannot mend, the error id (so support
 * can find the log line). A wrong password or a taken username is theirs to fix: no id, which would only
 * suggest something broke.
 */
export function ServerErrorAlert({ title, error, onRetry, children, className }: ServerErrorAlertProps) {
  return (
    <Alert tone="error" title={title} className={className}>
      <p>{error.message}</p>
      {error.code === "RATE_LIMITED" && error.retryAfterSeconds !== undefined ? (
        <p className="mt-1">You can try again in {describeWait(error.retryAfterSeconds)}.</p>
      ) : null}
      {children}
      {error.errorId && isServerFault(error) ? (
        <p className="mt-1 text-xs text-red-800/80">
          Reference: <span className="font-mono select-all">{error.errorId}</span>
        </p>
      ) : null}
      {onRetry ? (
        <Button variant="secondary" className="mt-3" onPress={onRetry}>
          Try again
        </Button>
      ) : null}
    </Alert>
  );
}
