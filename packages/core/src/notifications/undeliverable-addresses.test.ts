import type { DatabaseHandle } from "@bookable/db";
import { openTestDatabase, testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  clearUndeliverableAddress,
  markUndeliverableAddress,
  readEmailDelivery,
  undeliverableReason,
  undeliverableReasons,
} from "./undeliverable-addresses.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("undeliverable addresses on $driver", (target) => {
  let database: DatabaseHandle;
  const message = (id: string, recipient: string, template = "booking-confirmed", channel: "email" | "sms" = "email") => ({
    id,
    recipient,
    template,
    channel,
  });

  beforeAll(async () => {
    database = await openTestDatabase(target);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("skips non-security email to a marked address whatever its case, one by one and in a batch, until cleared", async () => {
    await markUndeliverableAddress(database.db, " Bounced@Example.com", "hard bounce", null);
    // A second mark (a replayed event) keeps the first.
    await markUndeliverableAddress(database.db, "bounced@example.com", "complaint", null);
    const messages = [
      message("a", "BOUNCED@example.com"),
      message("b", "bounced@example.com", "reset-password"),
      message("c", "bounced@example.com", "verify-email"),
      message("d", "fine@example.com"),
      message("e", "+4915112345678", "booking-confirmed", "sms"),
      message("f", "bounced@example.com", "booking-reminder"),
    ];

    const one = await Promise.all(messages.map((candidate) => undeliverableReason(database.db, candidate)));
    const batch = await undeliverableReasons(database.db, messages);

    const reason = "The address is marked undeliverable (hard bounce); the user can clear it on their account page";
    expect(one).toEqual([reason, null, null, null, null, reason]);
    expect([...batch.entries()]).toEqual([
      ["a", reason],
      ["f", reason],
    ]);
    expect(await readEmailDelivery(database.db, "bounced@example.com")).toMatchObject({
      deliverable: false,
      reason: "hard bounce",
    });

    expect(await clearUndeliverableAddress(database.db, "Bounced@example.com")).toBe(true);
    expect(await clearUndeliverableAddress(database.db, "bounced@example.com")).toBe(false);
    expect(await undeliverableReasons(database.db, messages)).toEqual(new Map());
    expect(await readEmailDelivery(database.db, "bounced@example.com")).toEqual({
      address: "bounced@example.com",
      deliverable: true,
      reason: null,
      markedAt: null,
    });
  });
});
