import type { ResourceOutput } from "@bookable/validators";
import { formatPrice } from "./format-price.js";

/**
 * A resource's price as its terms show it: "Free", "€25.00", or "€25.00 per seat" when a slot has more
 * than one seat to book (issue 15: "per seat" on a one-person room suggests there is a choice).
 */
export function describeResourcePrice(resource: Pick<ResourceOutput, "price" | "capacity">): string {
  const price = formatPrice(resource.price);
  return resource.price.amount > 0 && resource.capacity > 1 ? `${price} per seat` : price;
}
