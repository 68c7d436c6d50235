import {
  listNotificationsInput,
  notificationBacklogOutput,
  notificationIdInput,
  notificationListOutput,
  notificationOutput,
} from "@bookable/validators";
import { z } from "zod";
import { adminProcedure, router } from "../trpc.js";

// The delivery log, for admins: what happened to each email and SMS, and a retry for dead ones.
export const notificationsRouter = router({
  list: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/notifications",
        tags: ["notifications"],
        summary: "The delivery log (admin)",
        description: "Every email and SMS Bookable queued, newest first, with status, attempts, provider id and last error.",
        errorResponses: { 401: "No valid credential.", 403: "The caller is not an admin." },
      },
    })
    .input(listNotificationsInput)
    .output(notificationListOutput)
    .query(({ ctx, input }) => ctx.services.notifications.list(input)),

  backlog: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/notifications/backlog",
        tags: ["notifications"],
        summary: "How far delivery is behind (admin)",
        description:
          "Messages due and waiting for a worker by priority, those waiting for their time, those in delivery, and the message that has waited longest since it came due.",
        errorResponses: { 401: "No valid credential.", 403: "The caller is not an admin." },
      },
    })
    .input(z.void())
    .output(notificationBacklogOutput)
    .query(({ ctx }) => ctx.services.notifications.backlog()),

  retry: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/notifications/{id}/retry",
        tags: ["notifications"],
        summary: "Send a dead message again (admin)",
        description:
          "Attempts start over and the message is queued again. 409 for a message that is not dead, and for a dead verification or password-reset email: its one-time link was deleted when it died, so the user asks for a new link instead.",
        errorResponses: { 404: "No such message.", 409: "The message is not dead." },
      },
    })
    .input(notificationIdInput)
    .output(notificationOutput)
    .mutation(({ ctx, input }) => ctx.services.notifications.retry(input.id)),
});
