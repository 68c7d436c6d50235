import type { Database, ResourceRow } from "@bookable/db";
import { LRUCache } from "lru-cache";
import type { AvailabilityVersions } from "../answer-cache/availability-version-reader.js";
import {
  type DateOverrideValue,
  listDateOverrides,
  listDateOverridesForWindow,
  overrideDatesForWindow,
} from "./date-overrides.js";
import { findResource } from "./find-resource.js";

/** What a booking needs to know of its resource: the row, and the date overrides around its slot. */
export interface ResourceDefinition {
  resource: ResourceRow;
  /** The overrides of the local dates that can hold a slot starting in [from, to) (as listDateOverridesForWindow). */
  overridesFor(window: { from: Date; to: Date }): Promise<DateOverrideValue[]>;
}

/** A resource's definition as of a moment after the call (every change committed before it is seen); NOT_FOUND if there is none. */
export type ResourceDefinitions = (resourceId: string) => Promise<ResourceDefinition>;

/** Reads the resource and its overrides on every call. */
export function uncachedResourceDefinitions(db: Database): ResourceDefinitions {
  return async (resourceId) => {
    const resource = await findResource(db, resourceId);
    return { resource, overridesFor: (window) => listDateOverridesForWindow(db, resource.id, resource.timeZone, window) };
  };
}

export interface ResourceDefinitionCacheOptions {
  db: Database;
  /** The shared, coalesced version reader (availabilityVersionReader). */
  readVersions(resourceId: string): Promise<AvailabilityVersions | undefined>;
  /** Resources kept; each is one row and its future overrides. */
  maxEntries: number;
}

// Overrides are kept from a few days back: a booking's slot starts after now, and its window looks at most a
// day before it in a zone at most 14 hours from UTC. An older window (a slot in the past, refused anyway)
// reads the database.
const KEPT_DAYS_BACK = 3;
const LAST_DATE = "9999-12-31";

interface Entry {
  definitionVersion: string;
  resource: ResourceRow;
  overridesFrom: string;
  /** Sorted by date. */
  overrides: DateOverrideValue[];
}

/**
 * Resources and their date overrides kept in memory per definition version (migration 0008; issue 12): a
 * booking reads one number, shared with concurrent requests through the coalesced reader, instead of the
 * resource row and its overrides. The number grows with every change of the resource or an override, on any
 * instance, and is read after the request arrived, so a kept definition is used only while it is current.
 * Bookings do not change it, so a busy resource stays cached.
 */
export function cachedResourceDefinitions(options: ResourceDefinitionCacheOptions): ResourceDefinitions {
  const { db } = options;
  const uncached = uncachedResourceDefinitions(db);
  const entries = new LRUCache<string, Promise<Entry>>({ max: options.maxEntries });

  async function load(resourceId: string, definitionVersion: string): Promise<Entry> {
    const overridesFrom = new Date(Date.now() - KEPT_DAYS_BACK * 86_400_000).toISOString().slice(0, 10);
    // Read after the version: what is kept is at least as new as the number it is kept under.
    const [resource, overrides] = await Promise.all([
      findResource(db, resourceId),
      listDateOverrides(db, resourceId, { from: overridesFrom, to: LAST_DATE }),
    ]);
    return { definitionVersion, resource, overridesFrom, overrides };
  }

  async function current(resourceId: string, definitionVersion: string): Promise<Entry> {
    // The kept entry, or a load another request started while this one waited for the first (once).
    for (let look = 0; look < 2; look++) {
      const kept = entries.get(resourceId);
      if (!kept) break;
      const entry = await kept;
      if (entry.definitionVersion === definitionVersion) return entry;
      if (entries.peek(resourceId) === kept) break;
    }
    // Concurrent misses of one version share this load; a failed load is not kept.
    const fresh = load(resourceId, definitionVersion);
    entries.set(resourceId, fresh);
    fresh.catch(() => {
      if (entries.peek(resourceId) === fresh) entries.delete(resourceId);
    });
    return fresh;
  }

  return async (resourceId) => {
    const versions = await options.readVersions(resourceId);
    // No version row: no such resource (its row is made in the resource's own transaction); the uncached
    // read says so.
    if (!versions) return uncached(resourceId);
    const entry = await current(resourceId, versions.definition);
    return {
      resource: entry.resource,
      overridesFor: async (window) => {
        const dates = overrideDatesForWindow(entry.resource.timeZone, window);
        if (dates.from < entry.overridesFrom) return listDateOverridesForWindow(db, resourceId, entry.resource.timeZone, window);
        return entry.overrides.filter((override) => override.date >= dates.from && override.date <= dates.to);
      },
    };
  };
}
