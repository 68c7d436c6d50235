import { AppError } from "@bookable/core";
import { z } from "zod";
import { publicProcedure, router } from "../trpc.js";

const mailboxOutput = z.object({
  messages: z.array(
    z.object({
      id: z.string(),
      to: z.string(),
      subject: z.string(),
      template: z.string(),
      text: z.string(),
      html: z.string().optional(),
      sentAt: z.iso.datetime(),
    }),
  ),
});

// Development only: what the local email adapter "sent". Absent (404) whenever a real provider is set.
export const devRouter = router({
  mailbox: publicProcedure.output(mailboxOutput).query(({ ctx }) => {
    if (!ctx.localMailbox) throw new AppError("NOT_FOUND", "The dev mailbox exists only while email is delivered locally");
    return {
      messages: ctx.localMailbox.messages().map((message) => ({
        id: message.id,
        to: message.to,
        subject: message.subject,
        template: message.template,
        text: message.text,
        html: message.html,
        sentAt: message.sentAt.toISOString(),
      })),
    };
  }),
});
