import { useMutation } from "@tanstack/react-query";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Alert } from "./alert.js";
import { Button } from "./button.js";

/**
 * "Resend confirmation email", then what came of it: sent (check spam too), or why not (rate limited, or try
 * again). Wherever an unconfirmed address stands between someone and what they came for.
 */
export function ResendConfirmation() {
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendVerification.mutationOptions());
  const failure = resend.isError ? readServerError(resend.error) : null;

  return (
    <>
      {resend.isSuccess ? (
        <Alert tone="success" title="Confirmation email sent">
          <p>{resend.data.message} It can take a minute to arrive; check your spam folder too.</p>
        </Alert>
      ) : (
        <Button variant="secondary" onPress={() => resend.mutate()} isPending={resend.isPending} pendingLabel="Sending…">
          Resend confirmation email
        </Button>
      )}
      {failure ? (
        <Alert tone="error" title="We couldn't send the email">
          <p>
            {failure.code === "RATE_LIMITED"
              ? "You asked for several emails in a short time. Please wait a few minutes and try again."
              : "Please try again in a moment."}
          </p>
        </Alert>
      ) : null}
    </>
  );
}
