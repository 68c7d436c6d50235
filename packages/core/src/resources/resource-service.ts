import type { Database } from "@bookable/db";
import type {
  AvailabilityInput,
  AvailabilityOutput,
  createResourceInput,
  FullSlotsOutput,
  ResourceOutput,
  UserOutput,
  updateResourceInput,
} from "@bookable/validators";
import type { z } from "zod";
import type { AnswerCache } from "../answer-cache/answer-cache.js";
import { availabilityAnswer } from "./availability-answer.js";
import { type AvailabilityDaysQuery, availabilityDaysAnswer } from "./availability-days-answer.js";
import { type DateOverrideValue, deleteDateOverride, listDateOverrides, setDateOverride } from "./date-overrides.js";
import { findResource } from "./find-resource.js";
import { fullSlotsAnswer } from "./full-slots-answer.js";
import type { AvailabilityDays } from "./get-availability-days.js";
import { listResources } from "./list-resources.js";
import { createResource, updateResource } from "./save-resource.js";
import { toResourceOutput } from "./to-resource-output.js";

export interface ResourceServiceDependencies {
  db: Database;
  /** Finished availability answers, served while exact (issue 12). */
  availabilityCache: AnswerCache;
}

/** Resources, their date overrides and availability as the API offers them, with their dependencies bound (issue 14). */
export interface ResourceService {
  /** Active resources; archived ones too when an admin asks for them. */
  list(
    viewer: Pick<UserOutput, "role"> | null,
    input: { includeArchived?: boolean | undefined },
  ): Promise<{ items: ResourceOutput[]; nextCursor: null }>;
  get(resourceId: string): Promise<ResourceOutput>;
  create(input: z.output<typeof createResourceInput>): Promise<ResourceOutput>;
  update(input: z.output<typeof updateResourceInput>): Promise<ResourceOutput>;
  availability(input: AvailabilityInput): Promise<AvailabilityOutput>;
  availabilityDays(input: AvailabilityDaysQuery): Promise<AvailabilityDays>;
  /** Offered slots with no seat left: the ones a waitlist can be joined for (issue 15). */
  fullSlots(input: AvailabilityInput): Promise<FullSlotsOutput>;
  /** A resource's date overrides; NOT_FOUND when there is no such resource. */
  overrides(resourceId: string): Promise<{ items: DateOverrideValue[] }>;
  setOverride(input: DateOverrideValue & { id: string }): Promise<DateOverrideValue>;
  deleteOverride(input: { id: string; date: string }): Promise<{ deleted: true }>;
}

export function createResourceService({ db, availabilityCache }: ResourceServiceDependencies): ResourceService {
  return {
    async list(viewer, input) {
      // Archived resources are an admin's business.
      const includeArchived = Boolean(input.includeArchived) && viewer?.role === "admin";
      return { items: await listResources(db, { includeArchived }), nextCursor: null };
    },
    get: async (resourceId) => toResourceOutput(await findResource(db, resourceId)),
    create: (input) => createResource(db, input),
    update: (input) => updateResource(db, input),
    availability: async (input) => (await availabilityCache.answer(availabilityAnswer, input)).value,
    availabilityDays: async (input) => (await availabilityCache.answer(availabilityDaysAnswer, input)).value,
    fullSlots: async (input) => (await availabilityCache.answer(fullSlotsAnswer, input)).value,
    async overrides(resourceId) {
      await findResource(db, resourceId);
      return { items: await listDateOverrides(db, resourceId) };
    },
    setOverride: (input) => setDateOverride(db, input.id, input),
    async deleteOverride(input) {
      await deleteDateOverride(db, input.id, input.date);
      return { deleted: true };
    },
  };
}
