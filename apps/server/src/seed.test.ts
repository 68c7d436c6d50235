// The demo seed (`pnpm db:seed`) on a fresh in-memory PGlite: idempotent, and the resources it makes are bookable.
import { getAvailability, listDateOverrides } from "@bookable/core";
import { type DatabaseHandle, resources } from "@bookable/db";
import { openTestDatabase } from "@bookable/db/testing";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoResources, type SeedSummary, seedDemoData } from "./seed-demo-data.js";

describe("seedDemoData", () => {
  let database: DatabaseHandle;
  let first: SeedSummary;
  let second: SeedSummary;
  const now = new Date();

  beforeAll(async () => {
    database = await openTestDatabase({ driver: "pglite" });
    first = await seedDemoData(database.db, now);
    second = await seedDemoData(database.db, now);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("creates each demo resource once and skips them on the second run", async () => {
    const slugs = demoResources.map((resource) => resource.input.slug);
    expect(slugs.length).toBeGreaterThanOrEqual(4);
    expect(first.created.map((resource) => resource.slug)).toEqual(slugs);
    expect(first.skipped).toEqual([]);
    expect(second.created).toEqual([]);
    expect(second.skipped.map((resource) => resource.slug).sort()).toEqual([...slugs].sort());
    expect(second.closedDates).toEqual([]);

    const rows = await database.db.select({ slug: resources.slug }).from(resources);
    expect(rows.map((row) => row.slug).sort()).toEqual([...slugs].sort());
  });

  it("closes the meeting room on the next 24 December", async () => {
    const room = first.created.find((resource) => resource.slug === "meeting-room-ada");
    expect(room).toBeDefined();
    const overrides = await listDateOverrides(database.db, room?.id ?? "");
    expect(overrides).toHaveLength(1);
    expect(overrides[0]).toMatchObject({ closed: true, hours: [] });
    expect(overrides[0]?.date).toMatch(/^\d{4}-12-24$/);
    expect(first.closedDates).toEqual([{ slug: "meeting-room-ada", date: overrides[0]?.date }]);
  });

  it("gives the meeting room hourly slots from 08:00 on a weekday", async () => {
    const room = first.created.find((resource) => resource.slug === "meeting-room-ada");
    // A Wednesday at least two days ahead (past the minimum notice), and never 24 December.
    let day = DateTime.fromJSDate(now, { zone: "Europe/Berlin" }).startOf("day").plus({ days: 2 });
    while (day.weekday !== 3 || (day.month === 12 && day.day === 24)) day = day.plus({ days: 1 });
    const { slots, timeZone } = await getAvailability(
      database.db,
      room?.id ?? "",
      { from: day.toJSDate(), to: day.plus({ days: 1 }).toJSDate() },
      now,
    );
    expect(timeZone).toBe("Europe/Berlin");
    expect(slots.length).toBeGreaterThan(0);
    const localStart = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toFormat("HH:mm");
    expect(localStart(slots[0]?.start ?? "")).toBe("08:00");
    for (const slot of slots) {
      expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(60 * 60_000);
      expect(slot.seatsLeft).toBe(1);
    }
  });
});
