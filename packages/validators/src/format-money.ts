/** An amount in minor units (cents; 0 means free) of an ISO 4217 currency, as prices and payments travel. */
export interface Money {
  amount: number;
  currency: string;
}

/**
 * How many digits a currency has after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD (CLDR, through
 * Intl). Prices travel in minor units, people type major ones. An unknown code (while it is being typed)
 * counts as 2.
 */
export function currencyMinorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * "€25.00", "¥3,000", "CHF 12.50": the one money formatter of the web app and the emails. `locale` is the
 * reader's (undefined: the browser's); a malformed currency code is written out rather than failing.
 */
export function formatMoney(money: Money, locale?: string): string {
  const major = money.amount / 10 ** currencyMinorDigits(money.currency);
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: money.currency }).format(major);
  } catch {
    return `${major.toFixed(2)} ${money.currency}`;
  }
}
