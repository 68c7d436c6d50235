import { describe, expect, it } from "vitest";
import { describeResourcePrice } from "./describe-resource-price.js";

describe("describeResourcePrice", () => {
  const price = { amount: 2500, currency: "EUR" };

  it("says per seat only when a slot has more than one seat", () => {
    expect(describeResourcePrice({ price, capacity: 3 })).toMatch(/per seat$/);
    expect(describeResourcePrice({ price, capacity: 1 })).not.toMatch(/per seat/);
  });

  it("says Free for a free resource, whatever its capacity", () => {
    expect(describeResourcePrice({ price: { amount: 0, currency: "EUR" }, capacity: 5 })).toBe("Free");
  });
});
