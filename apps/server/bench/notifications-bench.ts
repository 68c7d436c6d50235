// `pnpm bench:notifications`: how fast the notification worker drains a burst (issue 13). 10,000 due
// messages, confirmations and reminders interleaved as a burst of bookings leaves them, are put on the
// queue of a fresh PostgreSQL database (TEST_DATABASE_URL's server, default
// postgres://postgres@127.0.0.1:5432/test) while the worker is paused; then one worker process (the server's
// own, with NOTIFY_CONCURRENCY and NOTIFY_BATCH_SIZE as configured) delivers them, twice: through the local
// email adapter, then through the Resend adapter against the Resend fake, which allows Resend's default 5
// requests a second and answers 429 past them (issue 13: at least 150 emails a second through batches, no 429
// left unhandled, no message twice). Reports the time to deliver all (goal: under 60 s), when the last
// confirmation and the last reminder went out (confirmations first), and messages a second; for Resend also
// its requests, 429s, busiest second and duplicates. BENCH_PROVIDERS=local or =resend runs one of them.
// BENCH_MESSAGES changes the number of messages. It measures and reports; it is not a test and fails on no
// threshold.
import { enqueueNotifications, NOTIFICATION_QUEUE, type NotificationRequest, startNotificationWorker } from "@bookable/core";
import { type FakeResendServer, startFakeResendServer } from "@bookable/testing";
import { bearer, registerVerifiedAccount, settleNotifications, tokenPair } from "../test/account-helpers.js";
import { createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer } from "../test/test-server.js";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
// One in five a confirmation: a booking leaves a confirmation and, days later, its reminder; a burst of
// bookings meets the reminders of earlier days' bookings coming due.
const CONFIRMATION_EVERY = 5;
const ENQUEUE_CHUNK = 1_000;

type Provider = "local" | "resend";

async function runBurst(provider: Provider): Promise<void> {
  const resend: FakeResendServer | undefined = provider === "resend" ? await startFakeResendServer() : undefined;
  const server = await buildTestServer(
    { driver: "postgres", adminUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test" },
    {
      LOG_LEVEL: "warn",
      AUTH_RATE_LIMIT_PER_MINUTE: "100000",
      NOTIFY_CONCURRENCY: process.env.NOTIFY_CONCURRENCY,
      NOTIFY_BATCH_SIZE: process.env.NOTIFY_BATCH_SIZE,
      ...(resend
        ? { RESEND_API_KEY: "re_bench_key", EMAIL_FROM: "Bookable <bookings@bookable.test>", RESEND_API_BASE: resend.url }
        : {}),
    },
  );

  try {
    const member = await tokenPair(server, await registerVerifiedAccount(server));
    const resource = await createTestResource(server, { reminderMinutesBefore: 60 });
    const slot = await firstFreeSlot(server, resource.id, 3);
    const booked = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee: { name: "Bench", email: "bench@example.com" } },
      bearer(member.accessToken),
    );
    if (booked.statusCode !== 201) throw new Error(`booking failed: ${booked.body}`);
    const bookingId = String(booked.json().id);
    await settleNotifications(server);
    const { jobs, outbox, delivery } = server.app.services;
    // The burst builds up while no worker runs, as behind a worker that cannot keep up.
    await jobs.offWork(NOTIFICATION_QUEUE, { wait: true });

    const booking = {
      attendeeName: "Bench",
      resourceName: "Room",
      start: slot.start,
      end: slot.end,
      resourceTimeZone: "Europe/Berlin",
      attendeeTimeZone: null,
      seats: 1,
      bookingUrl: `${server.config.PUBLIC_URL}/bookings/${bookingId}`,
    };
    const request = (index: number): NotificationRequest =>
      index % CONFIRMATION_EVERY === 0
        ? {
            channel: "email",
            template: "booking-confirmed",
            recipient: `confirmed-${index}@example.com`,
            bookingId,
            data: { booking, paid: null },
          }
        : {
            channel: "email",
            template: "booking-reminder",
            recipient: `reminded-${index}@example.com`,
            bookingId,
            data: { booking },
          };
    const enqueueStarted = performance.now();
    for (let first = 0; first < MESSAGES; first += ENQUEUE_CHUNK) {
      const requests = Array.from({ length: Math.min(ENQUEUE_CHUNK, MESSAGES - first) }, (_, offset) => request(first + offset));
      await server.database.db.transaction(async (transaction) => {
        await enqueueNotifications(transaction, outbox, requests);
      });
    }
    const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;

    const delivered: { template: string; at: number }[] = [];
    let providerErrors = 0;
    const { promise: allDelivered, resolve } = (() => {
      let done = () => {};
      const promise = new Promise<void>((resolvePromise) => {
        done = resolvePromise;
      });
      return { promise, resolve: done };
    })();
    const started = performance.now();
    const workers = await startNotificationWorker(
      jobs,
      {
        ...delivery,
        metrics: {
          delivered(message) {
            delivered.push({ template: message.template, at: performance.now() - started });
            if (delivered.length === MESSAGES) resolve();
          },
          providerError() {
            providerErrors += 1;
          },
        },
      },
      {
        pollingIntervalSeconds: server.config.QUEUE_POLLING_SECONDS,
        concurrency: server.config.NOTIFY_CONCURRENCY,
        batchSize: server.config.NOTIFY_BATCH_SIZE,
      },
    );
    await allDelivered;
    const totalSeconds = (performance.now() - started) / 1000;
    for (const id of workers) await jobs.offWork(NOTIFICATION_QUEUE, { id, wait: true });

    const lastOf = (template: string) =>
      Math.max(...delivered.filter((entry) => entry.template === template).map((entry) => entry.at)) / 1000;
    console.log(
      `${MESSAGES} due notifications (${MESSAGES / CONFIRMATION_EVERY} confirmations, the rest reminders) on PostgreSQL, ${provider === "resend" ? "Resend adapter against the Resend fake (5 requests/s)" : "local email adapter"}, ` +
        `NOTIFY_CONCURRENCY=${server.config.NOTIFY_CONCURRENCY}, NOTIFY_BATCH_SIZE=${server.config.NOTIFY_BATCH_SIZE}:`,
    );
    console.table({
      "enqueued in (s)": +enqueueSeconds.toFixed(2),
      "all delivered in (s)": +totalSeconds.toFixed(2),
      "last confirmation at (s)": +lastOf("booking-confirmed").toFixed(2),
      "last reminder at (s)": +lastOf("booking-reminder").toFixed(2),
      "messages per second": Math.round(MESSAGES / totalSeconds),
      "provider errors": providerErrors,
      ...(resend
        ? {
            "Resend requests": resend.requestsTo("POST", "/emails").length,
            "429s answered by the fake": resend.rateLimitedRequests().length,
            "busiest second (requests)": resend.busiestSecond("POST", "/emails"),
            "emails accepted": resend.sentEmails().length,
            "messages sent twice": resend.duplicateMessageKeys().length,
          }
        : {}),
    });
  } finally {
    await server.close();
    await resend?.close();
  }
}

const providers = (process.env.BENCH_PROVIDERS ?? "local,resend").split(",") as Provider[];
for (const provider of providers) await runBurst(provider);
