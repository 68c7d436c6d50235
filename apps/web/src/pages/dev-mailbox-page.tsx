import type { AppRouter } from "@bookable/api";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { ReactNode } from "react";
import { Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { useSearchParams } from "react-router";
import { Alert } from "../components/alert.js";
import { Card } from "../components/card.js";
import { LinkifiedText } from "../components/linkified-text.js";
import { LoadingState } from "../components/loading-state.js";
import { RelativeTime } from "../components/relative-time.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { tabPanelStyles, tabStyles } from "../components/tab-styles.js";
import { describeNotificationTemplate } from "../lib/describe-notification.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";

type Mailbox = inferRouterOutputs<AppRouter>["dev"]["mailbox"];
type Email = Mailbox["messages"][number];
type TextMessage = Mailbox["sms"][number];
type Show = "email" | "sms";

// Messages are delivered by a worker a moment after the action that sends them (a reset link just asked
// for, a booking just made), so the page asks again often enough for them to appear without a reload.
const REFRESH_MILLISECONDS = 2000;

const newestFirst = <Message extends { sentAt: string }>(messages: readonly Message[]): Message[] =>
  [...messages].sort((a, b) => b.sentAt.localeCompare(a.sentAt));

/**
 * The emails and text messages the local adapters "sent" (verification and reset links, booking
 * confirmations and reminders), for development without an email or SMS provider, on two tabs; the tab is
 * kept in the address (?show=sms). The server answers NOT_FOUND once a real provider delivers mail.
 */
export function DevMailboxPage() {
  const trpc = useTRPC();
  const [searchParams, setSearchParams] = useSearchParams();
  const show: Show = searchParams.get("show") === "sms" ? "sms" : "email";
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
  } else {
    const emails = newestFirst(mailbox.data.messages);
    const texts = newestFirst(mailbox.data.sms);
    content = (
      <Tabs
        selectedKey={show}
        onSelectionChange={(key) => setSearchParams(key === "sms" ? { show: "sms" } : {}, { replace: true })}
      >
        <TabList aria-label="Which messages" className="mb-6 flex border-b border-stone-200">
          <Tab id="email" className={tabStyles}>
            Email ({emails.length})
          </Tab>
          <Tab id="sms" className={tabStyles}>
            SMS ({texts.length})
          </Tab>
        </TabList>
        <TabPanel id="email" className={tabPanelStyles}>
          {emails.length === 0 ? (
            <NoMessages title="No emails yet">Emails appear here as Bookable sends them, e.g. after signing up.</NoMessages>
          ) : (
            <ol className="flex flex-col gap-4" aria-label="Emails, newest first">
              {emails.map((email) => (
                <li key={email.id}>
                  <EmailMessage email={email} />
                </li>
              ))}
            </ol>
          )}
        </TabPanel>
        <TabPanel id="sms" className={tabPanelStyles}>
          {texts.length === 0 ? (
            <NoMessages title="No text messages yet">
              Text messages appear here when someone booking gives a phone number and asks for SMS.
            </NoMessages>
          ) : (
            <ol className="flex flex-col gap-4" aria-label="Text messages, newest first">
              {texts.map((text) => (
                <li key={text.id}>
                  <SmsMessage text={text} />
                </li>
              ))}
            </ol>
          )}
        </TabPanel>
      </Tabs>
    );
  }

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-12 sm:px-6 sm:py-16">
      <title>Dev mailbox · Bookable</title>
      <p className="text-sm font-semibold tracking-wide text-accent-700 uppercase">Development</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-stone-900">Mailbox</h1>
      <p className="mt-2 mb-8 text-stone-600">
        What Bookable would have emailed and texted, newest first. Nothing here left this server.
      </p>
      {content}
    </div>
  );
}

function NoMessages({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card className="text-center">
      <p className="font-medium text-stone-900">{title}</p>
      <p className="mt-1 text-sm text-stone-600">{children}</p>
    </Card>
  );
}

function EmailMessage({ email }: { email: Email }) {
  return (
    <article aria-labelledby={`message-${email.id}`} className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
      <header className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
        <h2 id={`message-${email.id}`} className="text-lg font-semibold tracking-tight text-stone-900">
          {email.subject}
        </h2>
        <p className="shrink-0 text-sm text-stone-500">
          <RelativeTime value={email.sentAt} />
        </p>
      </header>
      <p className="mt-1 text-sm text-stone-600">
        To <span className="font-medium text-stone-800">{email.to}</span>
      </p>
      {email.html ? <EmailHtml html={email.html} subject={email.subject} /> : null}
      <h3 className="mt-4 border-t border-stone-100 pt-4 text-sm font-medium text-stone-600">Plain text</h3>
      <LinkifiedText text={email.text} className="mt-2 text-sm text-stone-800" />
      {email.attachments.length > 0 ? (
        <div className="mt-4 border-t border-stone-100 pt-4">
          <h3 className="text-sm font-medium text-stone-600">Attachments</h3>
          {/* Only the names: the local adapter keeps the files' kinds, not their contents. */}
          <ul className="mt-2 flex flex-wrap gap-2">
            {email.attachments.map((attachment, index) => (
              <li
                // A message may carry two files of one name; the position tells them apart.
                key={`${index}:${attachment.filename}`}
                title={attachment.contentType}
                className="inline-flex items-center gap-1.5 rounded-lg border border-stone-200 bg-stone-50 px-2.5 py-1 text-sm text-stone-800"
              >
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-stone-500">
                  <path
                    fillRule="evenodd"
                    d="M15.621 4.379a3 3 0 0 0-4.242 0l-7 7a3 3 0 0 0 4.241 4.243h.001l.497-.5a.75.75 0 0 1 1.064 1.057l-.498.501-.002.002a4.5 4.5 0 0 1-6.364-6.364l7-7a4.5 4.5 0 0 1 6.368 6.36l-3.455 3.553A2.625 2.625 0 1 1 9.52 9.52l3.45-3.451a.75.75 0 1 1 1.061 1.06l-3.45 3.451a1.125 1.125 0 0 0 1.587 1.595l3.454-3.553a3 3 0 0 0 0-4.242Z"
                    clipRule="evenodd"
                  />
                </svg>
                <span className="break-all">{attachment.filename}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </article>
  );
}

/**
 * The HTML version as a mail client would show it. `sandbox=""` runs no script, submits no form, opens no link
 * and gives the email its own opaque origin (it cannot read this page or its cookies); the links are followed
 * from the plain text below.
 */
function EmailHtml({ html, subject }: { html: string; subject: string }) {
  return (
    <>
      <h3 className="mt-4 border-t border-stone-100 pt-4 text-sm font-medium text-stone-600">HTML</h3>
      <iframe
        title={`HTML version of “${subject}”`}
        sandbox=""
        srcDoc={html}
        loading="lazy"
        className="mt-2 h-[28rem] w-full rounded-lg border border-stone-200 bg-stone-100"
      />
    </>
  );
}

function SmsMessage({ text }: { text: TextMessage }) {
  return (
    <article aria-labelledby={`sms-${text.id}`} className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
      <header className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
        <h2 id={`sms-${text.id}`} className="text-lg font-semibold tracking-tight text-stone-900">
          To {text.to}
        </h2>
        <p className="shrink-0 text-sm text-stone-500">
          <RelativeTime value={text.sentAt} />
        </p>
      </header>
      <p className="mt-1 text-sm text-stone-600">{describeNotificationTemplate(text.template)}</p>
      <LinkifiedText text={text.body} className="mt-4 border-t border-stone-100 pt-4 text-sm text-stone-800" />
    </article>
  );
}
