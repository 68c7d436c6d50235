import { availabilityOutput } from "@bookable/validators";
import { describe, expect, it } from "vitest";
import { checkedOutput } from "./checked-output.js";

const answer = {
  timeZone: "Europe/Berlin",
  slots: [{ start: "2026-12-01T08:00:00.000Z", end: "2026-12-01T09:00:00.000Z", seatsLeft: 1 }],
};
const broken = { timeZone: "Europe/Berlin", slots: [{ start: "tomorrow", end: "2026-12-01T09:00:00.000Z", seatsLeft: 1.5 }] };

describe("checkedOutput", () => {
  it("validated, is the schema itself: a broken answer fails", async () => {
    const schema = checkedOutput(availabilityOutput, true);
    expect(schema).toBe(availabilityOutput);
    await expect(schema.parseAsync(answer)).resolves.toEqual(answer);
    await expect(schema.parseAsync(broken)).rejects.toThrow();
  });

  it("trusted, hands the answer through as it is, without walking it", async () => {
    const schema = checkedOutput(availabilityOutput, false);
    await expect(schema.parseAsync(answer)).resolves.toBe(answer);
    await expect(schema.parseAsync(broken)).resolves.toBe(broken);
  });
});
