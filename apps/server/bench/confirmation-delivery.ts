// Issue 13's figure inside issue 12's users scenario: how long a booking's confirmation email took from its
// enqueue (the booking's commit) to its delivery, for the confirmations of bookings made in the measured
// window. Read from the delivery log after the load, waiting a while for the last ones; one not delivered by
// then counts as an error of the row.
import { type BenchDatabase, withClient } from "./bench-database.js";
import { type ScenarioResult, summarize } from "./scenario-result.js";

const POLL_MS = 1000;

export async function confirmationDelivery(
  database: BenchDatabase,
  window: { from: Date; to: Date },
  waitSeconds: number,
): Promise<ScenarioResult> {
  const deadline = Date.now() + waitSeconds * 1000;
  const read = () =>
    withClient(database.url, async (client) => {
      const { rows } = await client.query<{ waitMs: number | null }>(
        `select extract(epoch from (sent_at - created_at)) * 1000 as "waitMs" from notifications
          where template = 'booking-confirmed' and channel = 'email' and created_at >= $1 and created_at < $2`,
        [window.from, window.to],
      );
      return rows.map((row) => (row.waitMs === null ? null : Number(row.waitMs)));
    });
  let waits = await read();
  while (waits.includes(null) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    waits = await read();
  }
  const delivered = waits.filter((wait): wait is number => wait !== null);
  const durationSeconds = (window.to.getTime() - window.from.getTime()) / 1000;
  const pending = waits.length - delivered.length;
  return {
    scenario: "3. users: confirmation enqueued→sent",
    target: "delivery log (sent_at − created_at)",
    connections: 0,
    durationSeconds,
    requestsPerSecond: delivered.length / durationSeconds,
    ratioToBaseline: null,
    latencyMs: summarize(delivered),
    accepted: delivered.length,
    shed: { count: 0, latencyMs: summarize([]) },
    statusCounts: { sent: delivered.length, pending },
    errors: pending,
    timeouts: 0,
    cpu: null,
    database: null,
    afterLoad: null,
    notes: [
      `${waits.length} confirmation emails of bookings in the measured window; ${pending} not sent ${waitSeconds} s after the load`,
    ],
  };
}
