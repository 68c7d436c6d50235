import { describe, expect, it } from "vitest";
import { currencyMinorDigits, formatMoney } from "./format-money.js";

describe("formatMoney", () => {
  it("reads minor units by the currency's own digits", () => {
    expect(formatMoney({ amount: 2500, currency: "EUR" }, "en")).toBe("€25.00");
    expect(formatMoney({ amount: 3000, currency: "JPY" }, "en")).toBe("¥3,000");
    expect(formatMoney({ amount: 12345, currency: "KWD" }, "en")).toBe("KWD\u00a012.345"); // ICU puts a no-break space after a code
    expect(currencyMinorDigits("JPY")).toBe(0);
  });

  it("writes a malformed currency code out instead of failing", () => {
    expect(currencyMinorDigits("e")).toBe(2);
    expect(formatMoney({ amount: 2500, currency: "e" }, "en")).toBe("25.00 e");
  });
});
