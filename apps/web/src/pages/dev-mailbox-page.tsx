import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Alert } from "../components/alert.js";
import { Card } from "../components/card.js";
import { LinkifiedText } from "../components/linkified-text.js";
import { LoadingState } from "../components/loading-state.js";
import { RelativeTime } from "../components/relative-time.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";

// New mail (a reset link just asked for) should appear without a reload while someone watches the page.
const REFRESH_MILLISECONDS = 5000;

/**
 * The emails the local email adapter "sent" (verification and reset links), for development without an
 * email provider. The server answers NOT_FOUND once a real provider delivers mail.
 */
export function DevMailboxPage() {
  const trpc = useTRPC();
  const mailbox = useQuery({
    ...trpc.dev.mailbox.queryOptions(),
    refetchInterval: (query) => (query.state.status === "error" ? false : REFRESH_MILLISECONDS),
  });

  let content: ReactNode;
  if (mailbox.isPending) {
    content = <LoadingState label="Loading the mailbox…" />;
  } else if (mailbox.isError) {
    const error = readServerError(mailbox.error);
    content =
      error.code === "NOT_FOUND" ? (
        <Alert tone="info" title="No dev mailbox here">
          <p>The dev mailbox is available only when email is delivered locally.</p>
        </Alert>
      ) : (
        <ServerErrorAlert title="We couldn't load the mailbox" error={error} onRetry={() => void mailbox.refetch()} />
      );
  } else if (mailbox.data.messages.length === 0) {
    content = (
      <Card className="text-center">
        <p className="font-medium text-stone-900">No messages yet</p>
        <p className="mt-1 text-sm text-stone-600">Emails appear here as Bookable sends them, e.g. after signing up.</p>
      </Card>
    );
  } else {
    const messages = [...mailbox.data.messages].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
    content = (
      <ol className="flex flex-col gap-4" aria-label="Messages, newest first">
        {messages.map((message) => (
          <li key={message.id}>
            <article
              aria-labelledby={`message-${message.id}`}
              className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm"
            >
              <header className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
                <h2 id={`message-${message.id}`} className="text-lg font-semibold tracking-tight text-stone-900">
                  {message.subject}
                </h2>
                <p className="shrink-0 text-sm text-stone-500">
                  <RelativeTime value={message.sentAt} />
                </p>
              </header>
              <p className="mt-1 text-sm text-stone-600">
                To <span className="font-medium text-stone-800">{message.to}</span>
              </p>
              <LinkifiedText text={message.text} className="mt-4 border-t border-stone-100 pt-4 text-sm text-stone-800" />
            </article>
          </li>
        ))}
      </ol>
    );
  }

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-12 sm:px-6 sm:py-16">
      <title>Dev mailbox · Bookable</title>
      <p className="text-sm font-semibold tracking-wide text-accent-700 uppercase">Development</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-stone-900">Mailbox</h1>
      <p className="mt-2 mb-8 text-stone-600">What Bookable would have emailed, newest first. Nothing here left this server.</p>
      {content}
    </div>
  );
}
