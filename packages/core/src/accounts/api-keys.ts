import { createApiKey, listApiKeys, revokeApiKey } from "@bookable/auth";
import type { ApiKeyRow, Database } from "@bookable/db";
import type { ApiKeyOutput, UserOutput } from "@bookable/validators";
import { AppError } from "../app-error.js";

function toApiKeyOutput(row: ApiKeyRow): ApiKeyOutput {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * Only an account with a confirmed email gets keys: a key outlives sessions, so one made by whoever
 * registered someone else's address first would stay with them after the owner claims it (issue 11).
 */
export async function createOwnApiKey(db: Database, user: Pick<UserOutput, "id" | "emailVerified">, name: string) {
  if (!user.emailVerified) {
    throw new AppError("EMAIL_NOT_VERIFIED", "Confirm your email address before creating API keys");
  }
  const { key, apiKey } = await createApiKey(db, user.id, name);
  return { key, apiKey: toApiKeyOutput(apiKey) };
}

export async function listOwnApiKeys(db: Database, userId: string): Promise<ApiKeyOutput[]> {
  return (await listApiKeys(db, userId)).map(toApiKeyOutput);
}

/** Another user's key id answers NOT_FOUND, as if it did not exist. */
export async function revokeOwnApiKey(db: Database, userId: string, apiKeyId: string): Promise<void> {
  if (!(await revokeApiKey(db, userId, apiKeyId))) throw new AppError("NOT_FOUND", "No such API key");
}
