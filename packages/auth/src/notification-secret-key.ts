import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const KEY_FILE = "notification-secret.key";

/**
 * The key material that seals one-time links until delivery: the configured NOTIFICATION_SECRET_KEY when
 * there is one; otherwise 256 random bits generated on first start into the data folder (readable by its
 * owner only), as the JWT signing key is. Processes that share DATA_DIR (the server and `pnpm start:worker`
 * in development) share it; instances with separate folders need one configured key.
 */
export function loadOrCreateNotificationSecretKey(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // `wx`: of two processes starting at once, one writes the key and the other reads it.
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}
