/**
 * How many digits a currency has after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD. Prices
 * travel in minor units, people type major ones. An unknown code (while it is being typed) counts as 2.
 */
export function currencyMinorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
