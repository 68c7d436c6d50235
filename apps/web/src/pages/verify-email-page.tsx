import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef } from "react";
import { useSearchParams } from "react-router";
import { Alert } from "../components/alert.js";
import { ButtonLink } from "../components/button-link.js";
import { Card } from "../components/card.js";
import { LoadingState } from "../components/loading-state.js";
import { NarrowPage } from "../components/narrow-page.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { TextLink } from "../components/text-link.js";
import { readServerError } from "../lib/read-server-error.js";
import { signInPath } from "../lib/sign-in-path.js";
import { useTRPC } from "../lib/trpc.js";
import { useViewer } from "../lib/use-viewer.js";

/**
 * Confirms an email address with the token from the emailed link (`?token=…`) as soon as the page
 * opens. The token is single-use, so it is sent exactly once: React's StrictMode runs effects twice
 * in development, and a second call would report "already used" over the first one's success.
 */
export function VerifyEmailPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const [searchParams] = useSearchParams();
  const token = searchParams.get("token")?.trim() ?? "";

  const verification = useMutation(
    trpc.auth.verifyEmail.mutationOptions({
      onSuccess() {
        // The account page and header show "Verified" from the viewer.
        void queryClient.invalidateQueries(trpc.auth.viewer.queryFilter());
      },
    }),
  );
  const { mutate } = verification;
  // A ref survives StrictMode's simulated unmount and remount, where state set in the effect would not help.
  const sentToken = useRef<string | null>(null);
  useEffect(() => {
    if (!token || sentToken.current === token) return;
    sentToken.current = token;
    mutate({ token });
  }, [token, mutate]);

  const signedIn = Boolean(viewer.data?.user);
  const next = signedIn ? (
    <ButtonLink to="/account" className="mt-6">
      Go to your account
    </ButtonLink>
  ) : (
    <ButtonLink to="/sign-in" className="mt-6">
      Sign in
    </ButtonLink>
  );

  // An admin address is confirmed only by its own signed-in account: come back here after signing in.
  const signInHere = (
    <ButtonLink to={signInPath(`/verify-email?token=${encodeURIComponent(token)}`)} className="mt-6">
      Sign in
    </ButtonLink>
  );

  let content: ReactNode;
  if (!token) {
    content = (
      <>
        <p className="text-stone-600">
          The address has no confirmation token. Open the link from the email exactly as it was sent. If it still does not work,
          ask for a new link from your account page.
        </p>
        {next}
      </>
    );
  } else if (verification.isSuccess) {
    content = (
      <>
        <Alert tone="success" title="Email confirmed">
          <p>{verification.data.message}</p>
        </Alert>
        {next}
      </>
    );
  } else if (verification.isError) {
    const error = readServerError(verification.error);
    const tokenIssue = error.issues.find((issue) => issue.path === "token");
    content = (
      <>
        {error.code === "FORBIDDEN" ? (
          <Alert tone="error" title="Sign in to confirm this address">
            <p>
              This address belongs to an administrator, so it can only be confirmed by the account that registered it, signed in.
              {signedIn ? " You are signed in to another account." : ""}
            </p>
            <p className="mt-1">
              If you did not register it, <TextLink to="/forgot-password">reset its password</TextLink> instead: that ends every
              sign-in of whoever did.
            </p>
          </Alert>
        ) : tokenIssue ? (
          <Alert tone="error" title="This link cannot be used">
            <p>{tokenIssue.message}.</p>
            <p className="mt-1">
              {signedIn
                ? "Send yourself a new one from your account page."
                : "Sign in and send yourself a new one from your account page."}
            </p>
          </Alert>
        ) : (
          <ServerErrorAlert title="We couldn't confirm your email" error={error} onRetry={() => mutate({ token })} />
        )}
        {error.code === "FORBIDDEN" && !signedIn ? signInHere : next}
      </>
    );
  } else {
    content = <LoadingState label="Confirming your email address…" />;
  }

  return (
    <NarrowPage>
      <title>Confirm your email · Bookable</title>
      <Card title="Confirm your email" headingLevel={1}>
        {content}
      </Card>
    </NarrowPage>
  );
}
