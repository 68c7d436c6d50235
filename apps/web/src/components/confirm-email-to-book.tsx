import type { UserOutput } from "@bookable/validators";
import { useMutation } from "@tanstack/react-query";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Alert } from "./alert.js";
import { Button } from "./button.js";
import { Card } from "./card.js";

export interface ConfirmEmailToBookProps {
  user: UserOutput;
}

/**
 * In place of the booking form while the account's address is unconfirmed: the server refuses such bookings
 * (EMAIL_NOT_VERIFIED, so nobody can make Bookable write to strangers), so the page says why up front and
 * offers a new confirmation link. Once the link is opened, the viewer is read again when the tab regains focus
 * and the form appears.
 */
export function ConfirmEmailToBook({ user }: ConfirmEmailToBookProps) {
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendVerification.mutationOptions());
  const failure = resend.isError ? readServerError(resend.error) : null;

  return (
    <Card
      title="Confirm your email to book"
      description="Bookings send messages to the people they are for, so we need to know your address is yours."
    >
      <div className="flex flex-col items-start gap-4 text-sm">
        <p className="text-stone-700">
          Open the link we emailed to <span className="break-all font-medium text-stone-900">{user.email}</span>, then come back
          here to book.
        </p>
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
      </div>
    </Card>
  );
}
