import type { UserOutput } from "@bookable/validators";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { readServerError } from "../lib/read-server-error.js";
import { signInPath } from "../lib/sign-in-path.js";
import { useViewer } from "../lib/use-viewer.js";
import { LoadingState } from "./loading-state.js";
import { ServerErrorAlert } from "./server-error-alert.js";
import { WidePage } from "./wide-page.js";

export interface SignedInOnlyProps {
  /** The page's title, shown in the tab while the viewer is asked for. */
  title: string;
  children: (user: UserOutput) => ReactNode;
}

/**
 * A page for signed-in people. A visitor is sent to sign in and brought back here afterwards; while
 * the session is checked, or if that fails, the page says so instead of flashing the sign-in page.
 */
export function SignedInOnly({ title, children }: SignedInOnlyProps) {
  const viewer = useViewer();
  const location = useLocation();

  if (viewer.isPending) {
    return (
      <WidePage>
        <title>{`${title} · Bookable`}</title>
        <LoadingState label="Checking who you are…" />
      </WidePage>
    );
  }
  if (viewer.isError) {
    return (
      <WidePage>
        <title>{`${title} · Bookable`}</title>
        <ServerErrorAlert
          title="We couldn't check your session"
          error={readServerError(viewer.error)}
          onRetry={() => void viewer.refetch()}
        />
      </WidePage>
    );
  }
  const user = viewer.data.user;
  if (!user) return <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />;
  return children(user);
}
