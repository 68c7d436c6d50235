import { currencyMinorDigits } from "./currency-minor-digits.js";

export interface Price {
  /** In minor units (cents); 0 means free. */
  amount: number;
  currency: string;
}

/** "€25.00" in the person's locale, or "Free". */
export function formatPrice(price: Price): string {
  if (price.amount === 0) return "Free";
  const major = price.amount / 10 ** currencyMinorDigits(price.currency);
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: price.currency }).format(major);
  } catch {
    return `${major} ${price.currency}`;
  }
}
