import { emailDeliveryOutput } from "@bookable/validators";
import { z } from "zod";
import { protectedProcedure, router } from "../trpc.js";

/** The signed-in person's own address: is it marked undeliverable after a bounce or complaint (issue 13)? */
export const emailDeliveryRouter = router({
  get: protectedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/email-delivery",
        tags: ["auth"],
        summary: "Whether my email address still gets mail",
      },
    })
    .input(z.void())
    .output(emailDeliveryOutput)
    .query(({ ctx }) => ctx.services.notifications.emailDelivery(ctx.user.email)),

  clear: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/me/email-delivery/clear",
        tags: ["auth"],
        summary: "Email my address again",
        description:
          "After fixing the mailbox (full, blocked, spam filter), the person clears the undeliverable mark and booking emails go to it again. Clearing an address that is not marked changes nothing.",
      },
    })
    .input(z.void())
    .output(emailDeliveryOutput)
    .mutation(({ ctx }) => ctx.services.notifications.resumeEmailDelivery(ctx.user.email)),
});
