import type { SessionOutput } from "@bookable/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { describeUserAgent } from "../lib/describe-user-agent.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Alert } from "./alert.js";
import { Badge } from "./badge.js";
import { Button } from "./button.js";
import { Card } from "./card.js";
import { LoadingState } from "./loading-state.js";
import { RelativeTime } from "./relative-time.js";
import { ServerErrorAlert } from "./server-error-alert.js";

/** A browser window for cookie sessions, a terminal prompt for REST clients; the text label says the same. */
function DeviceIcon({ kind }: { kind: SessionOutput["kind"] }) {
  return (
    <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-stone-100 text-stone-600">
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.75" className="size-5">
        {kind === "browser" ? (
          <>
            <rect x="3" y="4" width="18" height="16" rx="2.5" />
            <path d="M3 9h18M6.5 6.5h.01M9 6.5h.01" strokeLinecap="round" />
          </>
        ) : (
          <>
            <rect x="3" y="4" width="18" height="16" rx="2.5" />
            <path d="m7 10 3 2.5L7 15M12.5 15H17" strokeLinecap="round" strokeLinejoin="round" />
          </>
        )}
      </svg>
    </span>
  );
}

function deviceName(session: SessionOutput): string {
  return session.kind === "token" ? "API client" : describeUserAgent(session.userAgent);
}

/**
 * Where the account is signed in: browsers (cookie sessions) and REST clients (token sessions). Any
 * other device can be signed out here, for example after using a shared computer.
 */
export function DevicesCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.sessions.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.sessions.list.queryFilter());
  const revoke = useMutation(trpc.sessions.revoke.mutationOptions({ onSettled: refresh }));
  const revokeOthers = useMutation(trpc.sessions.revokeOthers.mutationOptions({ onSettled: refresh }));

  // This device first, then the most recently active.
  const items = [...(sessions.data?.items ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
  const others = items.filter((session) => !session.current);
  const actionError = revoke.error ?? revokeOthers.error;

  let list: ReactNode;
  if (sessions.isPending) {
    list = <LoadingState label="Loading your devices…" />;
  } else if (sessions.isError) {
    list = (
      <ServerErrorAlert
        title="We couldn't load your devices"
        error={readServerError(sessions.error)}
        onRetry={() => void sessions.refetch()}
      />
    );
  } else if (items.length === 0) {
    list = <p className="py-4 text-sm text-stone-500">No signed-in devices.</p>;
  } else {
    list = (
      <ul className="-my-3 divide-y divide-stone-200">
        {items.map((session) => {
          const name = deviceName(session);
          return (
            <li key={session.id} className="flex items-start gap-3 py-3 sm:items-center">
              <DeviceIcon kind={session.kind} />
              <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-center">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 font-medium text-stone-900">
                    <span title={session.userAgent ?? undefined}>{name}</span>
                    {session.kind === "token" && session.userAgent ? (
                      <span className="font-normal text-stone-500">{describeUserAgent(session.userAgent)}</span>
                    ) : null}
                    {session.current ? <Badge tone="accent">This device</Badge> : null}
                  </p>
                  <p className="mt-0.5 text-sm text-stone-500">
                    Signed in <RelativeTime value={session.createdAt} /> · Last active <RelativeTime value={session.lastSeenAt} />
                  </p>
                </div>
                {session.current ? null : (
                  <Button
                    variant="secondary"
                    aria-label={`Sign out ${name}`}
                    onPress={() => revoke.mutate({ id: session.id })}
                    isPending={revoke.isPending && revoke.variables?.id === session.id}
                    pendingLabel="Signing out…"
                  >
                    Sign out
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <Card title="Devices" description="Browsers and apps signed in to your account.">
      <div className="flex flex-col gap-6">
        {list}
        {actionError ? <ServerErrorAlert title="We couldn't sign that out" error={readServerError(actionError)} /> : null}
        {revokeOthers.isSuccess ? (
          <Alert tone="success" title="Signed out">
            <p>
              {revokeOthers.data.revoked === 1
                ? "1 other device was signed out."
                : `${revokeOthers.data.revoked} other devices were signed out.`}
            </p>
          </Alert>
        ) : null}
        {others.length > 0 ? (
          <div>
            <Button
              variant="secondary"
              onPress={() => revokeOthers.mutate()}
              isPending={revokeOthers.isPending}
              pendingLabel="Signing out…"
            >
              Sign out all other devices
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
