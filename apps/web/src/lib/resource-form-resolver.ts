import { createResourceInput, currencyMinorDigits } from "@bookable/validators";
import { toNestErrors } from "@hookform/resolvers";
import type { FieldErrors, Resolver, ResolverResult } from "react-hook-form";
import type { z } from "zod";
import type { ResourceFormValues } from "./resource-form-values.js";

/** What the editor hands on once the fields are valid: the API's input, and the status to set. */
export interface ResourceSubmission {
  input: z.output<typeof createResourceInput>;
  status: "active" | "archived";
}

/**
 * The editor field an issue path of `createResourceInput` (from this check or from the server) belongs
 * to: "price.amount" is shown beside the price in major units; "weeklyHours.2.end" is its own input.
 * `undefined` for a path the form has no field for.
 */
export function resourceFormPath(issuePath: string): string | undefined {
  if (issuePath === "price" || issuePath === "price.amount") return "priceMajor";
  if (issuePath === "price.currency") return "currency";
  if (/^weeklyHours(\.\d+(\.(start|end|weekday))?)?$/.test(issuePath)) {
    // A bad weekday is not typed by anyone (the editor sets it); show it on the interval's start.
    return issuePath.replace(/\.weekday$/, ".start");
  }
  const field = issuePath.split(".")[0] ?? "";
  return topLevelFields.has(field) ? field : undefined;
}

const topLevelFields = new Set<string>([
  "name",
  "slug",
  "description",
  "location",
  "timeZone",
  "slotMinutes",
  "capacity",
  "bufferBeforeMinutes",
  "bufferAfterMinutes",
  "minNoticeMinutes",
  "horizonDays",
  "freeCancellationHours",
  "reminderMinutesBefore",
]);

/**
 * Checks the editor's values with the server's own `createResourceInput`, after turning them into
 * the API's shape, so the rules (and their messages) are the server's, shown before anything is sent.
 */
export const resourceFormResolver: Resolver<ResourceFormValues, unknown, ResourceSubmission> = (
  values,
  _context,
  options,
): ResolverResult<ResourceFormValues, ResourceSubmission> => {
  const flatErrors: Record<string, { type: string; message: string }> = {};
  if (Number.isNaN(values.priceMajor) || values.priceMajor < 0) {
    flatErrors.priceMajor = { type: "price", message: "Enter a price of 0 or more (0 means free)" };
  }
  const parsed = createResourceInput.safeParse({
    name: values.name,
    slug: values.slug.trim() === "" ? undefined : values.slug,
    description: values.description,
    location: values.location,
    timeZone: values.timeZone.trim(),
    slotMinutes: values.slotMinutes,
    capacity: values.capacity,
    price: {
      amount: Math.round(values.priceMajor * 10 ** currencyMinorDigits(values.currency)),
      currency: values.currency.trim(),
    },
    bufferBeforeMinutes: values.bufferBeforeMinutes,
    bufferAfterMinutes: values.bufferAfterMinutes,
    minNoticeMinutes: values.minNoticeMinutes,
    horizonDays: values.horizonDays,
    freeCancellationHours: values.freeCancellationHours,
    reminderMinutesBefore: values.reminderMinutesBefore,
    weeklyHours: values.weeklyHours,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const issuePath = issue.path.join(".");
      // Every path of the schema has a field; should one appear that has none, it must still block the
      // submission and be seen, so it goes on the first field with its path in the message.
      const path = resourceFormPath(issuePath) ?? "name";
      const message = resourceFormPath(issuePath) ? issue.message : `${issuePath || "Input"}: ${issue.message}`;
      // The first problem of a field is the one to fix first.
      if (!flatErrors[path]) flatErrors[path] = { type: issue.code, message };
    }
  }
  if (parsed.success && Object.keys(flatErrors).length === 0) {
    return { values: { input: parsed.data, status: values.archived ? "archived" : "active" }, errors: {} };
  }
  return { values: {}, errors: toNestErrors<ResourceFormValues>(flatErrors as FieldErrors, options) };
};
