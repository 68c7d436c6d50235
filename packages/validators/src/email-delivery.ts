import { z } from "zod";

export const emailDeliveryOutput = z
  .object({
    address: z.string().meta({ example: "ada@example.com" }),
    deliverable: z
      .boolean()
      .meta({ description: "False after the provider reported a hard bounce or a spam complaint for this address." }),
    reason: z
      .enum(["hard bounce", "complaint"])
      .nullable()
      .meta({ description: "Why the address is marked undeliverable; null when it is not." }),
    markedAt: z.iso.datetime().nullable(),
  })
  .meta({
    id: "EmailDelivery",
    description:
      "Whether Bookable still emails the account's address. While it is marked undeliverable, booking emails to it are skipped; verification and password-reset emails still go.",
  });
export type EmailDeliveryOutput = z.infer<typeof emailDeliveryOutput>;
