import { type Database, users } from "@bookable/db";
import type { UserOutput } from "@bookable/validators";
import { and, desc, eq, lt, or } from "drizzle-orm";
import { AppError } from "../app-error.js";
import { toUserOutput } from "./to-user-output.js";

/** Newest accounts first, in pages; the cursor is the last row's (createdAt, id), opaque to clients. */
export async function listUsers(db: Database, options: { limit: number; cursor?: string | undefined }) {
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const rows = await db
    .select()
    .from(users)
    .where(
      after
        ? or(lt(users.createdAt, after.createdAt), and(eq(users.createdAt, after.createdAt), lt(users.id, after.id)))
        : undefined,
    )
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const items: UserOutput[] = page.map(toUserOutput);
  return { items, nextCursor: rows.length > options.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new AppError("BAD_REQUEST", "The cursor is not valid", {
      issues: [{ path: "cursor", message: "Not a cursor from this API" }],
    });
  }
  return { createdAt, id };
}
