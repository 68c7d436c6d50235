import { formatMoney, type Money } from "@bookable/validators";

/** "€25.00" in the person's locale, or "Free". */
export function formatPrice(price: Money): string {
  return price.amount === 0 ? "Free" : formatMoney(price);
}
