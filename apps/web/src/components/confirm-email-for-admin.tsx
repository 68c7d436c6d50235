import type { UserOutput } from "@bookable/validators";
import { useMutation } from "@tanstack/react-query";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Alert } from "./alert.js";
import { Button } from "./button.js";
import { ButtonLink } from "./button-link.js";
import { Card } from "./card.js";
import { NarrowPage } from "./narrow-page.js";

export interface ConfirmEmailForAdminProps {
  user: UserOutput;
}

/**
 * An admin page seen by an account whose address is not confirmed yet. The server gives the admin role
 * (ADMIN_EMAILS) only to a confirmed address, so a bare "Not allowed" would hide the one step left;
 * this says to confirm, and offers a new link. The viewer is read again when the tab regains focus.
 */
export function ConfirmEmailForAdmin({ user }: ConfirmEmailForAdminProps) {
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendVerification.mutationOptions());
  const failure = resend.isError ? readServerError(resend.error) : null;

  return (
    <NarrowPage>
      <title>Confirm your email · Bookable</title>
      <Card
        title="Confirm your email address first"
        headingLevel={1}
        description="Administrator pages open only for a confirmed address."
      >
        <div className="flex flex-col items-start gap-4 text-sm">
          <p className="text-stone-700">
            Open the link we emailed to <span className="break-all font-medium text-stone-900">{user.email}</span>. If the address
            is an administrator's, this page opens once it is confirmed.
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
          <ButtonLink to="/resources" variant="secondary">
            Browse resources
          </ButtonLink>
        </div>
      </Card>
    </NarrowPage>
  );
}
