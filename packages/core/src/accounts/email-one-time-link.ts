import { createOneTimeToken, type OneTimeTokenPurpose } from "@bookable/auth";
import { enqueueNotification } from "../notifications/enqueue-notification.js";
import type { AccountDependencies } from "./account-dependencies.js";

/**
 * Creates a one-time token and queues the email with its link, in one transaction: the link is sent if
 * and only if the token exists.
 */
export async function emailOneTimeLink(
  deps: Pick<AccountDependencies, "db" | "outbox" | "publicUrl">,
  user: { id: string; email: string; username: string },
  link: { purpose: OneTimeTokenPurpose; path: "/verify-email" | "/reset-password"; template: "verify-email" | "reset-password" },
): Promise<void> {
  await deps.db.transaction(async (transaction) => {
    const token = await createOneTimeToken(transaction, user.id, link.purpose);
    const url = new URL(`${link.path}?token=${encodeURIComponent(token)}`, deps.publicUrl).href;
    await enqueueNotification(transaction, deps.outbox, {
      channel: "email",
      template: link.template,
      recipient: user.email,
      userId: user.id,
      data: { username: user.username, link: url },
    });
  });
}
