import { ensureQueue, type JobQueue } from "@bookable/db";
import type { AccountDependencies } from "./account-dependencies.js";
import { emailOneTimeLink } from "./email-one-time-link.js";
import { findUserByEmail } from "./find-user.js";

/**
 * The queue of password-reset requests. The endpoint only puts the address here and answers, the same work
 * whether or not an account has it, so its timing tells nothing (issue 11); the worker looks the address up.
 */
export const PASSWORD_RESET_QUEUE = "password-reset-requests";

export interface PasswordResetJob {
  email: string;
  /** The app's address the reset was asked for on; absent in jobs queued before it was carried. */
  publicUrl?: string;
}

/** Creates the queue. A done job (it holds an address) is deleted after an hour rather than pg-boss's week. */
export async function preparePasswordResetQueue(jobs: JobQueue): Promise<void> {
  await ensureQueue(jobs, PASSWORD_RESET_QUEUE, { retryLimit: 3, retryDelay: 5, retryBackoff: true, deleteAfterSeconds: 3600 });
}

/** Queues a reset link (1 hour) when an account has that email, with its token; does nothing otherwise. */
export async function sendPasswordResetLink(deps: Pick<AccountDependencies, "db" | "outbox" | "publicUrl">, email: string) {
  const user = await findUserByEmail(deps.db, email);
  if (!user) return;
  await emailOneTimeLink(deps, user, { purpose: "reset_password", path: "/reset-password", template: "reset-password" });
}

/** Works the reset-request queue in this process. Returns the worker's id. */
export function startPasswordResetWorker(
  jobs: JobQueue,
  deps: Pick<AccountDependencies, "db" | "outbox" | "publicUrl">,
  options: { pollingIntervalSeconds: number },
) {
  return jobs.work<PasswordResetJob>(
    PASSWORD_RESET_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds },
    async ([job]) => {
      if (!job) return;
      const publicUrl = job.data.publicUrl ?? deps.publicUrl;
      await sendPasswordResetLink({ ...deps, publicUrl, outbox: { ...deps.outbox, publicUrl } }, job.data.email);
    },
  );
}
