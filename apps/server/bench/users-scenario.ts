// Scenario 3 of issue 12, the brief's sentence as users behave: 1000 virtual users, each with its own
// account (signed in over HTTP during the setup, see signInUsers), looping list resources → day summary of a month → one day's slots →
// book → view the booking → (one in five) cancel, thinking 0.5–1.5 s between steps. Users arrive spread
// over the ramp-up; only requests sent after it are measured, for `measureSeconds`. A 409 SLOT_TAKEN (a slot
// someone else just took) is an outcome, counted apart. undici, one connection per user as a browser has.
import { Agent, request } from "undici";
import { userEmail } from "./bench-fixtures.js";
import { monthWindow } from "./reads-scenario.js";
import { ResponseTally, type ScenarioResult } from "./scenario-result.js";
import { safeJson } from "./server-under-test.js";

const DAY_MS = 24 * 3600_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** Users pick among the first few free slots of the first free day: most people want the soonest. */
const SOONEST_CHOICES = 8;

export interface UsersScenarioContext {
  baseUrl: string;
  resourceIds: string[];
  tomorrow: Date;
  users: number;
  /** One access token per user, from its own sign-in. */
  tokens: string[];
  rampSeconds: number;
  measureSeconds: number;
}

const STEPS = ["list resources", "month", "day slots", "book", "view booking", "cancel"] as const;
type Step = (typeof STEPS)[number];

interface Answer {
  status: number;
  body: unknown;
}

export async function runUsersScenario(context: UsersScenarioContext): Promise<ScenarioResult[]> {
  console.log(
    `Running "3. users": ${context.users} virtual users arriving over ${context.rampSeconds} s, then measured for ${context.measureSeconds} s…`,
  );
  const agent = new Agent({
    connections: context.users + 50,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
  });
  const tallies = new Map<Step, ResponseTally>(STEPS.map((step) => [step, new ResponseTally(step === "book" ? [409] : [])]));
  let slotTaken = 0;
  let noFreeSlot = 0;
  const started = performance.now();
  const measureFrom = started + context.rampSeconds * 1000;
  const stopAt = measureFrom + context.measureSeconds * 1000;

  /** One request; measured when sent inside the window. */
  const send = async (
    step: Step,
    method: "GET" | "POST",
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<Answer | null> => {
    const sent = performance.now();
    const measured = sent >= measureFrom && sent < stopAt;
    const tally = tallies.get(step);
    try {
      const response = await request(`${context.baseUrl}${path}`, {
        method,
        dispatcher: agent,
        headers: {
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.body.text();
      if (measured) tally?.response(response.statusCode, performance.now() - sent);
      return { status: response.statusCode, body: safeJson(text) };
    } catch (error) {
      if (measured) tally?.noAnswer(errorKind(error));
      return null;
    }
  };

  const think = () => sleepUntil(Math.min(stopAt, performance.now() + 500 + Math.random() * 1000));

  const virtualUser = async (index: number) => {
    await sleepUntil(started + (index / context.users) * context.rampSeconds * 1000);
    const token = context.tokens[index];
    if (!token) return;
    while (performance.now() < stopAt) {
      await think();
      await send("list resources", "GET", "/api/v1/resources");
      const resourceId = context.resourceIds[Math.floor(Math.random() * context.resourceIds.length)] ?? "";
      const monthStart = new Date(context.tomorrow.getTime() + Math.floor(Math.random() * 3) * DAY_MS);
      await think();
      const month = await send("month", "GET", `/api/v1/resources/${resourceId}/availability/days?${monthWindow(monthStart)}`);
      const day = firstFreeDay(month?.body) ?? monthStart;
      await think();
      const slots = await send(
        "day slots",
        "GET",
        `/api/v1/resources/${resourceId}/availability?${new URLSearchParams({ from: day.toISOString(), to: new Date(day.getTime() + DAY_MS).toISOString() })}`,
      );
      if (slots?.status !== 200) continue;
      const free = freeStarts(slots.body).slice(0, SOONEST_CHOICES);
      const start = free[Math.floor(Math.random() * free.length)];
      if (!start) {
        noFreeSlot++;
        continue;
      }
      await think();
      const booked = await send("book", "POST", "/api/v1/bookings", token, {
        resourceId,
        start,
        attendee: { name: `Bench User ${index}`, email: userEmail(index) },
      });
      const code = field(field(booked?.body, "error"), "code");
      // ALREADY_BOOKED: the slot's last seat went to this same user a moment earlier (issue 15).
      if (booked?.status === 409 && (code === "SLOT_TAKEN" || code === "ALREADY_BOOKED")) slotTaken++;
      const bookingId = field(booked?.body, "id");
      if (booked?.status !== 201 || typeof bookingId !== "string") continue;
      await think();
      await send("view booking", "GET", `/api/v1/bookings/${bookingId}`, token);
      if (Math.random() < 0.2) {
        await think();
        await send("cancel", "POST", `/api/v1/bookings/${bookingId}/cancel`, token, {});
      }
    }
  };

  await Promise.all(Array.from({ length: context.users }, (_, index) => virtualUser(index)));
  await agent.close();

  const results = STEPS.map((step) => {
    const tally = tallies.get(step) ?? new ResponseTally();
    const result = tally.result({
      scenario: `3. users: ${step === "month" ? "day summary (month)" : step}`,
      target: `${context.measureSeconds} s after the ramp-up`,
      connections: context.users,
      durationSeconds: context.measureSeconds,
    });
    if (step === "book")
      result.notes.push(
        `${slotTaken} answered 409 SLOT_TAKEN (an outcome, not an error); ${noFreeSlot} day answers had no free slot`,
      );
    return result;
  });
  return results;
}

/** What became of a request without an answer: undici's error code (UND_ERR_HEADERS_TIMEOUT, ECONNRESET…). */
export function errorKind(error: unknown): string {
  const code = field(error, "code");
  return typeof code === "string" ? code : error instanceof Error ? error.name : "unknown";
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** The first date with a free slot in a day summary (its first free start's UTC day), or the first slot's day. */
function firstFreeDay(body: unknown): Date | undefined {
  const days = field(body, "days");
  const starts = Array.isArray(days) ? days.map((day) => field(day, "firstFreeStart")) : freeStarts(body);
  const first = starts.find((start): start is string => typeof start === "string");
  if (!first) return undefined;
  const date = new Date(first);
  date.setUTCHours(0, 0, 0, 0);
  return date;
}

function freeStarts(body: unknown): string[] {
  const slots = field(body, "slots");
  if (!Array.isArray(slots)) return [];
  return slots
    .filter((slot) => Number(field(slot, "seatsLeft")) > 0)
    .map((slot) => field(slot, "start"))
    .filter((start): start is string => typeof start === "string");
}

function sleepUntil(at: number): Promise<void> {
  const wait = at - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}
