import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Alert } from "./alert.js";
import { Button } from "./button.js";
import { Card } from "./card.js";
import { LoadingState } from "./loading-state.js";
import { RelativeTime } from "./relative-time.js";
import { ServerErrorAlert } from "./server-error-alert.js";

const reasons = {
  "hard bounce": "your mail server refused one of our emails as undeliverable",
  complaint: "one of our emails was reported as spam from your mailbox",
} as const;

/**
 * Whether Bookable still emails the account's address. After a hard bounce or a spam complaint (reported by
 * the email provider) booking emails are held back; the person fixes their mailbox and clears the mark here.
 * Sign-in emails (confirmation, password reset) are sent regardless.
 */
export function EmailDeliveryCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const delivery = useQuery(trpc.emailDelivery.get.queryOptions());
  const clear = useMutation(
    trpc.emailDelivery.clear.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.emailDelivery.get.queryKey(), data),
    }),
  );

  let content: ReactNode;
  if (delivery.isPending) {
    content = <LoadingState label="Checking your email delivery…" />;
  } else if (delivery.isError) {
    content = (
      <ServerErrorAlert
        title="We couldn't check your email delivery"
        error={readServerError(delivery.error)}
        onRetry={() => void delivery.refetch()}
      />
    );
  } else if (delivery.data.deliverable) {
    content = (
      <div className="flex flex-col gap-4">
        <p className="text-sm text-stone-700">
          Booking confirmations and reminders go to{" "}
          <span className="font-medium break-all text-stone-900">{delivery.data.address}</span>.
        </p>
        {clear.isSuccess ? (
          <Alert tone="success" title="Emails are on again">
            <p>We'll email you about your bookings again.</p>
          </Alert>
        ) : null}
      </div>
    );
  } else {
    const { address, reason, markedAt } = delivery.data;
    content = (
      <div className="flex flex-col gap-4">
        <Alert tone="error" title="We've stopped emailing you about bookings">
          <p>
            Our email provider reported {markedAt ? <RelativeTime value={markedAt} /> : "recently"} that{" "}
            {reason ? reasons[reason] : "our emails could not be delivered"}. Booking confirmations and reminders to{" "}
            <span className="font-medium break-all">{address}</span> are on hold; emails to confirm your address or reset your
            password still go out.
          </p>
          <p>
            Check that the mailbox exists and is not full, and that our emails are not marked as spam; then turn emails back on.
          </p>
        </Alert>
        {clear.isError ? <ServerErrorAlert title="We couldn't turn emails back on" error={readServerError(clear.error)} /> : null}
        <div>
          <Button onPress={() => clear.mutate()} isPending={clear.isPending} pendingLabel="Turning emails on…">
            I've fixed it — email me again
          </Button>
        </div>
      </div>
    );
  }

  return (
    <Card title="Email delivery" description="Whether your booking emails reach you.">
      {content}
    </Card>
  );
}
