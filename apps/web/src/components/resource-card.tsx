import type { ResourceOutput } from "@bookable/validators";
import { Link } from "react-router";
import { describeResourcePrice } from "../lib/describe-resource-price.js";
import { formatMinutes } from "../lib/format-minutes.js";

export interface ResourceCardProps {
  resource: ResourceOutput;
}

/** One bookable thing in the list; the whole card is one link (its name), so there is one tab stop. */
export function ResourceCard({ resource }: ResourceCardProps) {
  return (
    <article className="relative flex h-full flex-col rounded-2xl border border-stone-200 bg-white p-6 shadow-sm transition-shadow focus-within:ring-2 focus-within:ring-accent-600 hover:shadow-md">
      <h2 className="text-lg font-semibold tracking-tight text-stone-900">
        {/* The link's box covers the card, so the card is clickable while only the name is announced. */}
        <Link to={`/resources/${resource.id}`} className="outline-none after:absolute after:inset-0 after:rounded-2xl">
          {resource.name}
        </Link>
      </h2>
      {resource.description ? (
        <p className="mt-2 line-clamp-3 text-sm text-stone-600">{resource.description}</p>
      ) : (
        <p className="mt-2 text-sm text-stone-500">No description.</p>
      )}
      <dl className="mt-auto grid grid-cols-3 gap-3 border-t border-stone-100 pt-4 text-sm">
        <div>
          <dt className="text-stone-500">Price</dt>
          <dd className="font-medium text-stone-900">{describeResourcePrice(resource)}</dd>
        </div>
        <div>
          <dt className="text-stone-500">Slot</dt>
          <dd className="font-medium text-stone-900">{formatMinutes(resource.slotMinutes)}</dd>
        </div>
        <div>
          <dt className="text-stone-500">Capacity</dt>
          <dd className="font-medium text-stone-900">{resource.capacity === 1 ? "1 person" : `${resource.capacity} people`}</dd>
        </div>
      </dl>
    </article>
  );
}
