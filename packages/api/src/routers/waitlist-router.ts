import {
  bookingOutput,
  joinWaitlistInput,
  listWaitlistInput,
  waitlistEntryIdInput,
  waitlistEntryOutput,
  waitlistListOutput,
} from "@bookable/validators";
import { z } from "zod";
import { adminProcedure, protectedProcedure, router } from "../trpc.js";

/** The waitlist of full slots (issue 15, decision 031). */
export const waitlistRouter = router({
  join: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/resources/{id}/waitlist",
        tags: ["waitlist"],
        summary: "Join the waitlist of a full slot",
        description:
          "Only for a slot the resource offers whose seats are all taken. When a seat frees up (a cancellation, a hold running out, more capacity), the first in line is offered it: a `held` booking (`bookingId`) holds the seat for `WAITLIST_OFFER_MINUTES`, and they are emailed (and texted if they opted in) a link to it. A free offer is accepted with `POST /me/waitlist/{id}/accept`, a priced one by paying at its `checkoutUrl`; otherwise it lapses and the next in line is offered the seat. The caller's email must be confirmed.",
        errorResponses: {
          401: "No valid credential.",
          403: "`EMAIL_NOT_VERIFIED`.",
          404: "No such resource.",
          409: "`WAITLIST_SLOT_AVAILABLE`: the slot has a free seat, book it instead; `WAITLIST_ALREADY_JOINED`: the caller is already in this line.",
        },
      },
      successStatus: 201,
    })
    .input(joinWaitlistInput)
    .output(waitlistEntryOutput)
    .mutation(({ ctx, input }) => ctx.services.waitlist.join(ctx.user, input)),

  mine: protectedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/waitlist",
        tags: ["waitlist"],
        summary: "My waitlist entries, with my position",
        description: "Entries for slots not yet over, soonest first. `position` is 1 for the first in line while `waiting`.",
      },
    })
    .input(z.object({}))
    .output(waitlistListOutput)
    .query(({ ctx }) => ctx.services.waitlist.listMine(ctx.user.id)),

  leave: protectedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/me/waitlist/{id}",
        tags: ["waitlist"],
        summary: "Leave a waitlist",
        description: "An open offer is declined: its seat goes to the next in line at once.",
        errorResponses: { 404: "No such entry of yours.", 409: "The entry already ended." },
      },
    })
    .input(waitlistEntryIdInput)
    .output(waitlistEntryOutput)
    .mutation(({ ctx, input }) => ctx.services.waitlist.leave({ id: ctx.user.id, role: "member" }, input.id)),

  accept: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/me/waitlist/{id}/accept",
        tags: ["waitlist"],
        summary: "Accept a free offer",
        description:
          "Confirms the offer's held booking while the hold lasts. A priced offer is accepted by paying at the booking's `checkoutUrl` instead.",
        errorResponses: {
          404: "No such entry of yours.",
          409: "`WAITLIST_OFFER_CLOSED`: the offer ran out, was declined or taken; `CONFLICT`: a priced offer, pay for it instead.",
        },
      },
    })
    .input(waitlistEntryIdInput)
    .output(bookingOutput)
    .mutation(({ ctx, input }) => ctx.services.waitlist.accept(ctx.user.id, input.id)),

  list: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/waitlist",
        tags: ["waitlist"],
        summary: "A resource's waitlist (admin)",
        description: "Every entry of slots starting at or after `from` (default now), in line order per slot.",
        errorResponses: { 401: "No valid credential.", 403: "The caller is not an admin." },
      },
    })
    .input(listWaitlistInput)
    .output(waitlistListOutput)
    .query(({ ctx, input }) => ctx.services.waitlist.listForResource(input)),

  remove: adminProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/admin/waitlist/{id}",
        tags: ["waitlist"],
        summary: "Remove someone from a waitlist (admin)",
        description: "An open offer is withdrawn: its seat goes to the next in line at once.",
        errorResponses: {
          401: "No valid credential.",
          403: "The caller is not an admin.",
          404: "No such entry.",
          409: "The entry already ended.",
        },
      },
    })
    .input(waitlistEntryIdInput)
    .output(waitlistEntryOutput)
    .mutation(({ ctx, input }) => ctx.services.waitlist.leave(ctx.user, input.id)),
});
