import type { UserOutput } from "@bookable/validators";
import { useMutation } from "@tanstack/react-query";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Alert } from "./alert.js";
import { Badge } from "./badge.js";
import { Button } from "./button.js";
import { Card } from "./card.js";
import { RelativeTime } from "./relative-time.js";
import { ServerErrorAlert } from "./server-error-alert.js";

export interface ProfileCardProps {
  user: UserOutput;
}

const roleNames: Record<UserOutput["role"], string> = {
  member: "Member",
  admin: "Admin",
};

/** Who the account is: username, email (with whether it is confirmed, and a way to confirm it), role. */
export function ProfileCard({ user }: ProfileCardProps) {
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendVerification.mutationOptions());

  return (
    <Card title="Profile" description="How Bookable knows you.">
      <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium text-stone-500">Username</dt>
        <dd className="text-stone-900">{user.username}</dd>

        <dt className="font-medium text-stone-500">Email</dt>
        <dd className="flex flex-col items-start gap-2">
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all text-stone-900">{user.email}</span>
            {user.emailVerified ? <Badge tone="success">Verified</Badge> : <Badge tone="warning">Not verified</Badge>}
          </span>
          {user.emailVerified ? null : (
            <>
              <span className="text-stone-600">Confirm your address with the link we emailed you, or get a new one.</span>
              {resend.isSuccess ? null : (
                <Button variant="secondary" onPress={() => resend.mutate()} isPending={resend.isPending} pendingLabel="Sending…">
                  Send a new link
                </Button>
              )}
            </>
          )}
        </dd>

        <dt className="font-medium text-stone-500">Role</dt>
        <dd className="text-stone-900">{roleNames[user.role]}</dd>

        <dt className="font-medium text-stone-500">Member since</dt>
        <dd className="text-stone-900">
          <RelativeTime value={user.createdAt} />
        </dd>
      </dl>
      {resend.isSuccess ? (
        <Alert tone="success" title="Link sent" className="mt-6">
          <p>{resend.data.message}</p>
        </Alert>
      ) : null}
      {resend.isError ? (
        <ServerErrorAlert title="We couldn't send the link" error={readServerError(resend.error)} className="mt-6" />
      ) : null}
    </Card>
  );
}
