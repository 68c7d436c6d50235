import type { ResourceOutput } from "@bookable/validators";
import { describeResourcePrice } from "../lib/describe-resource-price.js";
import { describeTimeZone } from "../lib/describe-time-zone.js";
import { formatMinutes } from "../lib/format-minutes.js";

export interface ResourceFactsProps {
  resource: ResourceOutput;
}

/** The terms of booking a resource, before someone picks a time: price, length, seats, rules. */
export function ResourceFacts({ resource }: ResourceFactsProps) {
  const facts: Array<[string, string]> = [
    ["Price", describeResourcePrice(resource)],
    ["Slot length", formatMinutes(resource.slotMinutes)],
    ["Capacity", resource.capacity === 1 ? "1 person per slot" : `${resource.capacity} people per slot`],
    ["Time zone", describeTimeZone(resource.timeZone)],
    ["Book ahead", `Up to ${resource.horizonDays === 1 ? "1 day" : `${resource.horizonDays} days`}`],
    [
      "Notice",
      resource.minNoticeMinutes === 0 ? "Book until it starts" : `At least ${formatMinutes(resource.minNoticeMinutes)} before`,
    ],
    [
      "Cancelling",
      resource.freeCancellationHours === 0
        ? "Free until it starts"
        : `Free until ${formatMinutes(resource.freeCancellationHours * 60)} before`,
    ],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt className="text-stone-500">{term}</dt>
          <dd className="font-medium text-stone-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
