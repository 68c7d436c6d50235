// The dev mailbox with WEB_CONCURRENCY > 1 (issue 12): each server process has its own local email and SMS
// outbox in memory, and any of them may deliver a message while any other answers /dev/mailbox. So every
// message one process's outbox sends is passed over the cluster's IPC channel through the primary to all the
// others, which record it: each process shows the whole mailbox.
import cluster from "node:cluster";
import type { LocalEmailSender, LocalSmsSender, OutboxEntry, RecordedEmail, SmsMessage } from "@bookable/integrations";

const MESSAGE_TYPE = "bookable:dev-outbox";

type OutboxName = "email" | "sms";

interface SharedEntry {
  type: typeof MESSAGE_TYPE;
  outbox: OutboxName;
  /** The entry as JSON made it (the IPC channel's serialization): `sentAt` is a string. */
  entry: Omit<OutboxEntry, "sentAt"> & { sentAt: string } & Record<string, unknown>;
}

function isSharedEntry(message: unknown): message is SharedEntry {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === MESSAGE_TYPE;
}

interface DevOutboxes {
  email: LocalEmailSender | null;
  sms: LocalSmsSender | null;
}

/**
 * In a cluster worker: sends what the outboxes send to the primary, and records what the others sent.
 * Returns the function that stops it (at shutdown). Does nothing outside a cluster worker.
 */
export function shareDevOutboxes(outboxes: DevOutboxes): () => void {
  const send = process.send?.bind(process);
  if (!cluster.isWorker || !send) return () => {};
  const announce = (outbox: OutboxName) => (entry: OutboxEntry) => {
    // JSON, as the IPC channel would make it anyway: `sentAt` travels as a string.
    const message: SharedEntry = { type: MESSAGE_TYPE, outbox, entry: JSON.parse(JSON.stringify(entry)) };
    send(message);
  };
  const stops = [outboxes.email?.onSent(announce("email")), outboxes.sms?.onSent(announce("sms"))];
  const receive = (message: unknown) => {
    if (!isSharedEntry(message)) return;
    // Sent by the same code in a sibling process: the entry is one of that outbox's own.
    const entry = { ...message.entry, sentAt: new Date(message.entry.sentAt) };
    if (message.outbox === "email") outboxes.email?.record(entry as RecordedEmail);
    else outboxes.sms?.record(entry as SmsMessage & OutboxEntry);
  };
  process.on("message", receive);
  return () => {
    for (const stop of stops) stop?.();
    process.off("message", receive);
  };
}

/** In the cluster primary: passes each worker's outbox messages on to every other worker. */
export function relayDevOutboxes(): void {
  cluster.on("message", (from, message: unknown) => {
    if (!isSharedEntry(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && worker.isConnected()) worker.send(message);
    }
  });
}
