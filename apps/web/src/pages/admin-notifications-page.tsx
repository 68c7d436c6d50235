import { bookingIdInput, type NotificationOutput } from "@bookable/validators";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button as AriaButton } from "react-aria-components";
import { useSearchParams } from "react-router";
import { AdminNav } from "../components/admin-nav.js";
import { AdminOnly } from "../components/admin-only.js";
import { Alert } from "../components/alert.js";
import { Button } from "../components/button.js";
import { DeliveryBacklog } from "../components/delivery-backlog.js";
import { EmptyState } from "../components/empty-state.js";
import { LoadMoreFooter } from "../components/load-more-footer.js";
import { LoadingState } from "../components/loading-state.js";
import { NotificationStatusBadge } from "../components/notification-status-badge.js";
import { PageHeading } from "../components/page-heading.js";
import { SelectField } from "../components/select-field.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { TextLink } from "../components/text-link.js";
import { WidePage } from "../components/wide-page.js";
import { classNames } from "../lib/class-names.js";
import {
  describeNotificationChannel,
  describeNotificationTemplate,
  isNotificationInFlight,
} from "../lib/describe-notification.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";

type Status = NotificationOutput["status"];
type Channel = NotificationOutput["channel"];

const statusOptions = [
  { value: "", label: "Any status" },
  { value: "queued", label: "Queued" },
  { value: "sending", label: "Sending" },
  { value: "retrying", label: "Retrying" },
  { value: "sent", label: "Sent" },
  { value: "skipped", label: "Skipped" },
  { value: "dead", label: "Dead" },
  { value: "delivered", label: "Delivered" },
  { value: "bounced", label: "Bounced" },
  { value: "complained", label: "Spam complaint" },
  { value: "failed", label: "Failed" },
] as const;
const isStatus = (value: string): value is Status =>
  statusOptions.some((option) => option.value !== "" && option.value === value);

const channelOptions = [
  { value: "", label: "Any channel" },
  { value: "email", label: "Email" },
  { value: "sms", label: "SMS" },
] as const;
const isChannel = (value: string): value is Channel =>
  channelOptions.some((option) => option.value !== "" && option.value === value);

const PAGE_SIZE = 50;
// While a message is on its way its row changes by itself (sending, sent, retrying): ask again until none is.
const REFRESH_MILLISECONDS = 5000;
// A message due later (a reminder waits until a day before the booking) is looked at again when it falls
// due, but at least this often, so a page left open does not ask every few seconds for days.
const LONGEST_WAIT_MILLISECONDS = 10 * 60_000;

/** Whether a worker is delivering the message or may pick it up at any moment. */
const isDue = (notification: NotificationOutput, now: number) =>
  notification.status === "sending" || (isNotificationInFlight(notification) && !(Date.parse(notification.sendAfter) > now));

/**
 * When to ask for the log again: every few seconds while a message is on its way, at the time the next one
 * falls due while they all wait for their time, and never once none can change by itself.
 */
function nextRefresh(items: readonly NotificationOutput[], now = Date.now()): number | false {
  const waiting = items.filter(isNotificationInFlight);
  if (waiting.length === 0) return false;
  if (waiting.some((notification) => isDue(notification, now))) return REFRESH_MILLISECONDS;
  const soonest = Math.min(...waiting.map((notification) => Date.parse(notification.sendAfter)));
  return Math.min(Math.max(soonest - now, REFRESH_MILLISECONDS), LONGEST_WAIT_MILLISECONDS);
}

/**
 * The delivery log: every email and text message Bookable queued, newest first, with what became of it.
 * `?bookingId=` narrows it to one booking's messages (the booking page links here so).
 */
export function AdminNotificationsPage() {
  return (
    <AdminOnly title="Delivery log">
      {() => (
        <WidePage>
          <title>Delivery log · Admin · Bookable</title>
          <PageHeading title="Admin" description="Every email and text message, newest first. Times are in your time zone." />
          <AdminNav />
          <div className="mb-6">
            <DeliveryBacklog />
          </div>
          <NotificationsTable />
        </WidePage>
      )}
    </AdminOnly>
  );
}

function NotificationsTable() {
  const [searchParams] = useSearchParams();
  const bookingId = searchParams.get("bookingId") ?? "";
  const [status, setStatus] = useState("");
  const [channel, setChannel] = useState("");

  const validBookingId = bookingId === "" || bookingIdInput.safeParse({ id: bookingId }).success;

  return (
    <div className="flex flex-col gap-6">
      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="sr-only">Filters</legend>
        <SelectField label="Status" options={statusOptions} value={status} onChange={setStatus} />
        <SelectField label="Channel" options={channelOptions} value={channel} onChange={setChannel} />
      </fieldset>
      {bookingId && validBookingId ? (
        <Alert title="Messages for one booking">
          <p>
            Only the messages of <TextLink to={`/bookings/${bookingId}`}>this booking</TextLink> are shown.{" "}
            <TextLink to="/admin/notifications">Show all messages</TextLink>
          </p>
        </Alert>
      ) : null}
      {validBookingId ? (
        <NotificationsList
          bookingId={bookingId || undefined}
          status={isStatus(status) ? status : undefined}
          channel={isChannel(channel) ? channel : undefined}
        />
      ) : (
        <Alert tone="error" title="That link names no booking">
          <p>
            The address asks for the messages of a booking, but “{bookingId}” is not a booking id.{" "}
            <TextLink to="/admin/notifications">Show all messages</TextLink>
          </p>
        </Alert>
      )}
    </div>
  );
}

interface NotificationsListProps {
  bookingId: string | undefined;
  status: Status | undefined;
  channel: Channel | undefined;
}

function NotificationsList({ bookingId, status, channel }: NotificationsListProps) {
  const trpc = useTRPC();
  const notifications = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(
      { bookingId, status, channel, limit: PAGE_SIZE },
      {
        getNextPageParam: (page) => page.nextCursor,
        refetchInterval: (query) => nextRefresh(query.state.data?.pages.flatMap((page) => page.items) ?? []),
      },
    ),
  );
  const filtered = Boolean(status || channel);

  if (notifications.isPending) return <LoadingState label="Loading the delivery log…" />;
  if (notifications.isLoadingError) {
    return (
      <ServerErrorAlert
        title="We couldn't load the delivery log"
        error={readServerError(notifications.error)}
        onRetry={() => void notifications.refetch()}
      />
    );
  }

  const items = notifications.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <EmptyState
        title={filtered ? "No messages match these filters" : bookingId ? "No messages for this booking" : "No messages yet"}
      >
        {filtered ? (
          <p>Try another status or channel.</p>
        ) : (
          <p>Emails and text messages appear here as soon as Bookable queues them.</p>
        )}
      </EmptyState>
    );
  }

  const now = Date.now();
  const updating = items.some((notification) => isDue(notification, now));
  return (
    <div className="flex flex-col gap-4">
      {updating ? (
        <p className="text-sm text-stone-500">Some messages are still on their way; this list updates by itself.</p>
      ) : null}
      <div className="relative overflow-x-auto rounded-2xl border border-stone-200 bg-white shadow-sm">
        <table className="stacked-table w-full text-left text-sm">
          <caption className="sr-only">Delivery log, newest first</caption>
          <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
            <tr>
              {columns.map((heading) => (
                <th key={heading} scope="col" className="px-2.5 py-3 font-medium whitespace-nowrap first:pl-4 last:pr-4">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {items.map((notification) => (
              <NotificationRow key={notification.id} notification={notification} showBookingLink={!bookingId} />
            ))}
          </tbody>
        </table>
      </div>
      <LoadMoreFooter query={notifications} errorTitle="We couldn't load more messages" />
    </div>
  );
}

// Eight columns fit the page's width; the retry sits beside the status it changes.
const columns = ["Time", "Channel", "Message", "Recipient", "Status", "Attempts", "Provider id", "Last error"] as const;
const cell = "px-2.5 py-3 align-top first:pl-4 last:pr-4";

interface NotificationRowProps {
  notification: NotificationOutput;
  /** Off while the log shows one booking's messages: they all belong to it. */
  showBookingLink: boolean;
}

/** One message of the log; a failed retry says why in a full-width row under it. */
function NotificationRow({ notification, showBookingLink }: NotificationRowProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorId = useId();
  const retry = useMutation(
    trpc.notifications.retry.mutationOptions({
      // Either way the log is out of date: the message is queued again, or (409) someone else got there first.
      onSettled: () => queryClient.invalidateQueries(trpc.notifications.list.pathFilter()),
    }),
  );
  const label = describeNotificationTemplate(notification.template);
  const detail = timeDetail(notification);

  return (
    <>
      <tr className={retry.isError ? "border-b-0!" : undefined}>
        <td data-label="Time" className={classNames(cell, "text-stone-900")}>
          <time dateTime={notification.createdAt} className="whitespace-nowrap">
            {formatDateTime(notification.createdAt, "dateTime")}
          </time>
          {detail ? <span className="block text-xs text-stone-500">{detail}</span> : null}
        </td>
        <td data-label="Channel" className={classNames(cell, "text-stone-700")}>
          {describeNotificationChannel(notification.channel)}
        </td>
        <td data-label="Message" className={cell}>
          <span className="text-stone-900" title={notification.template}>
            {label}
          </span>
          {showBookingLink && notification.bookingId ? (
            <TextLink to={`/bookings/${notification.bookingId}`} className="block text-xs whitespace-nowrap">
              View booking
            </TextLink>
          ) : null}
        </td>
        <td data-label="Recipient" className={classNames(cell, "text-stone-700")}>
          <span className="block min-w-36 break-all">{notification.recipient}</span>
        </td>
        <td data-label="Status" className={cell}>
          <div className="flex flex-col items-start gap-2">
            <NotificationStatusBadge status={notification.status} />
            {notification.status === "dead" ? (
              <Button
                variant="secondary"
                className="h-8 px-3"
                aria-label={`Retry: ${label} to ${notification.recipient}`}
                aria-describedby={retry.isError ? errorId : undefined}
                onPress={() => retry.mutate({ id: notification.id })}
                isPending={retry.isPending}
                pendingLabel="Retrying…"
              >
                Retry
              </Button>
            ) : null}
          </div>
        </td>
        <td data-label="Attempts" className={classNames(cell, "whitespace-nowrap text-stone-700 tabular-nums")}>
          {notification.attempts} / {notification.maxAttempts}
        </td>
        <td
          data-label="Provider id"
          data-empty={notification.providerMessageId ? undefined : true}
          className={classNames(cell, "font-mono text-xs text-stone-600")}
        >
          {notification.providerMessageId ? (
            // Cut to the column; the whole id is in the tooltip, and selecting the text copies all of it.
            <span className="block w-24 truncate" title={notification.providerMessageId}>
              {notification.providerMessageId}
            </span>
          ) : (
            <span className="sr-only">None</span>
          )}
        </td>
        <td
          data-label="Last error"
          data-empty={notification.lastError ? undefined : true}
          className={classNames(cell, "text-stone-700")}
        >
          <LastError text={notification.lastError} />
        </td>
      </tr>
      {retry.isError ? (
        <tr id={errorId}>
          <td colSpan={columns.length} className="px-4 pb-4">
            <ServerErrorAlert title="We couldn't retry this message" error={readServerError(retry.error)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

// Every message the provider accepted has a time it went out, whatever the provider said of it since.
const SENT_STATUSES: ReadonlySet<Status> = new Set(["sent", "delivered", "bounced", "complained", "failed"]);

/** When it went out, or when it is due: a reminder waits in the queue until its time, a retry until its next try. */
function timeDetail(notification: NotificationOutput): string | null {
  if (notification.sentAt && SENT_STATUSES.has(notification.status)) {
    // Most messages go out within seconds of being queued: the day is said once, in the line above.
    const sameDay = formatDateTime(notification.sentAt, "date") === formatDateTime(notification.createdAt, "date");
    return `Sent ${formatDateTime(notification.sentAt, sameDay ? "time" : "dateTime")}`;
  }
  const due = Date.parse(notification.sendAfter);
  if (Number.isNaN(due) || due <= Date.now()) return null;
  if (notification.status === "queued") return `Due ${formatDateTime(notification.sendAfter, "dateTime")}`;
  if (notification.status === "retrying") return `Next try ${formatDateTime(notification.sendAfter, "dateTime")}`;
  return null;
}

// Longer errors (a provider's whole response) are cut to two lines; the rest is in a tooltip and a press away.
const ERROR_PREVIEW_CHARACTERS = 40;

function LastError({ text }: { text: string | null }) {
  const [expanded, setExpanded] = useState(false);
  if (!text) return <span className="sr-only">None</span>;
  const long = text.length > ERROR_PREVIEW_CHARACTERS;
  return (
    <div className="flex w-36 flex-col items-start gap-1">
      <span
        title={expanded ? undefined : text}
        className={classNames("w-full wrap-anywhere", expanded ? "whitespace-pre-wrap" : "line-clamp-2")}
      >
        {text}
      </span>
      {long ? (
        <AriaButton
          aria-expanded={expanded}
          onPress={() => setExpanded(!expanded)}
          className={classNames(
            "rounded-sm text-xs font-medium text-accent-700 underline-offset-4 hover:text-accent-800 hover:underline",
            "outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600",
          )}
        >
          {expanded ? "Show less" : "Show full error"}
        </AriaButton>
      ) : null}
    </div>
  );
}
