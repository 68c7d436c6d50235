import { AppError } from "@bookable/core/app-error";
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
      attachments: z.array(z.object({ filename: z.string(), contentType: z.string() })),
    }),
  ),
  /** Text messages, present while SMS are delivered locally too. */
  sms: z.array(z.object({ id: z.string(), to: z.string(), body: z.string(), template: z.string(), sentAt: z.iso.datetime() })),
});

// Development only: what the local email and SMS adapters "sent". Absent (404) whenever a real email provider is set.
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
        attachments: (message.attachments ?? []).map(({ filename, contentType }) => ({ filename, contentType })),
      })),
      sms: (ctx.localSmsOutbox?.messages() ?? []).map((message) => ({
        id: message.id,
        to: message.to,
        body: message.body,
        template: message.template,
        sentAt: message.sentAt.toISOString(),
      })),
    };
  }),
});
