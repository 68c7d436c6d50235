import { type Database, users } from "@bookable/db";
import type { UserOutput } from "@bookable/validators";
import { and, desc, eq, lt, or } from "drizzle-orm";
import { decodePageCursor, encodePageCursor } from "../pagination/page-cursor.js";
import { toUserOutput } from "./to-user-output.js";

/** Newest accounts first, in pages; the cursor is the last row's (createdAt, id), opaque to clients. */
export async function listUsers(db: Database, options: { limit: number; cursor?: string | undefined }) {
  const after = options.cursor ? decodePageCursor(options.cursor) : undefined;
  const rows = await db
    .select()
    .from(users)
    .where(after ? or(lt(users.createdAt, after.at), and(eq(users.createdAt, after.at), lt(users.id, after.id))) : undefined)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const items: UserOutput[] = page.map(toUserOutput);
  return { items, nextCursor: rows.length > options.limit && last ? encodePageCursor(last.createdAt, last.id) : null };
}
