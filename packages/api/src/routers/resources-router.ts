import {
  availabilityDaysInput,
  availabilityDaysOutput,
  availabilityInput,
  availabilityOutput,
  createResourceInput,
  dateOverrideKeyInput,
  dateOverrideListOutput,
  dateOverrideOutput,
  fullSlotsOutput,
  listResourcesInput,
  resourceIdInput,
  resourceListOutput,
  resourceOutput,
  setDateOverrideInput,
  updateResourceInput,
} from "@bookable/validators";
import { z } from "zod";
import { checkedOutput } from "../checked-output.js";
import type { AppRouterOptions } from "../root-router.js";
import { adminProcedure, publicProcedure, router } from "../trpc.js";

const adminErrors = { 401: "No valid credential.", 403: "The caller is not an admin." };

export const createResourcesRouter = (options: AppRouterOptions) =>
  router({
    list: publicProcedure
      .meta({
        openapi: { method: "GET", path: "/resources", protect: false, tags: ["resources"], summary: "Bookable resources" },
      })
      .input(listResourcesInput)
      .output(resourceListOutput)
      .query(({ ctx, input }) => ctx.services.resources.list(ctx.user, input)),

    get: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/resources/{id}",
          protect: false,
          tags: ["resources"],
          summary: "One resource",
          errorResponses: { 404: "No such resource." },
        },
      })
      .input(resourceIdInput)
      .output(resourceOutput)
      .query(({ ctx, input }) => ctx.services.resources.get(input.id)),

    create: adminProcedure
      .meta({
        openapi: {
          method: "POST",
          path: "/resources",
          tags: ["resources"],
          summary: "Create a resource (admin)",
          errorResponses: { ...adminErrors, 409: "The slug is taken." },
        },
        successStatus: 201,
      })
      .input(createResourceInput)
      .output(resourceOutput)
      .mutation(({ ctx, input }) => ctx.services.resources.create(input)),

    update: adminProcedure
      .meta({
        openapi: {
          method: "PATCH",
          path: "/resources/{id}",
          tags: ["resources"],
          summary: "Edit a resource (admin)",
          description: "Only the fields sent change; `status: archived` retires it.",
          errorResponses: { ...adminErrors, 404: "No such resource.", 409: "The slug is taken." },
        },
      })
      .input(updateResourceInput)
      .output(resourceOutput)
      .mutation(({ ctx, input }) => ctx.services.resources.update(input)),

    availability: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/resources/{id}/availability",
          protect: false,
          tags: ["resources"],
          summary: "Free slots",
          description: "Slots starting in [from, to) as UTC instants, each with the seats left.",
          errorResponses: { 404: "No such active resource." },
        },
      })
      .input(availabilityInput)
      // The largest answer of the API (a month of slots); trusted in production, see checkedOutput.
      .output(checkedOutput(availabilityOutput, options.validateOutput))
      // REST clients get the cached answer's bytes directly (apps/server cached-answer-route.ts).
      .query(({ ctx, input }) => ctx.services.resources.availability(input)),

    availabilityDays: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/resources/{id}/availability/days",
          protect: false,
          tags: ["resources"],
          summary: "Free slots per day",
          description:
            "Every calendar date of `timeZone` (the resource's zone by default) that intersects [from, to), in order, with the number of free slots starting on it and the first one's start. For a month view; ask `/availability` for one day's slots.",
          errorResponses: { 404: "No such active resource." },
        },
      })
      .input(availabilityDaysInput)
      // A few dozen entries, so always checked: the slot list's reason to trust its answer does not apply.
      .output(availabilityDaysOutput)
      // From the same cache as the slots; REST clients get its bytes (apps/server cached-answer-route.ts).
      .query(({ ctx, input }) => ctx.services.resources.availabilityDays(input)),

    fullSlots: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/resources/{id}/availability/full",
          protect: false,
          tags: ["resources", "waitlist"],
          summary: "Full slots",
          description:
            "Slots starting in [from, to) that the resource offers but that have no seat left: the ones `POST /resources/{id}/waitlist` takes. A slot left out is free (see `/availability`) or not offered at all.",
          errorResponses: { 404: "No such active resource." },
        },
      })
      .input(availabilityInput)
      .output(fullSlotsOutput)
      .query(({ ctx, input }) => ctx.services.resources.fullSlots(input)),

    overrides: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/resources/{id}/overrides",
          protect: false,
          tags: ["resources"],
          summary: "Date overrides",
        },
      })
      .input(resourceIdInput)
      .output(dateOverrideListOutput)
      .query(({ ctx, input }) => ctx.services.resources.overrides(input.id)),

    setOverride: adminProcedure
      .meta({
        openapi: {
          method: "PUT",
          path: "/resources/{id}/overrides/{date}",
          tags: ["resources"],
          summary: "Close a date or set its hours (admin)",
          errorResponses: { ...adminErrors, 404: "No such resource." },
        },
      })
      .input(setDateOverrideInput)
      .output(dateOverrideOutput)
      .mutation(({ ctx, input }) => ctx.services.resources.setOverride(input)),

    deleteOverride: adminProcedure
      .meta({
        openapi: {
          method: "DELETE",
          path: "/resources/{id}/overrides/{date}",
          tags: ["resources"],
          summary: "Remove a date override (admin)",
          errorResponses: { ...adminErrors, 404: "No override on that date." },
        },
      })
      .input(dateOverrideKeyInput)
      .output(z.object({ deleted: z.literal(true) }))
      .mutation(({ ctx, input }) => ctx.services.resources.deleteOverride(input)),
  });
