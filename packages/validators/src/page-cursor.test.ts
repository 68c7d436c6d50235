import { describe, expect, it } from "vitest";
import { z } from "zod";
import { pageCursor, parsePageCursor } from "./page-cursor.js";

const cursorOf = (text: string) =>
  z.util.uint8ArrayToBase64url(new Uint8Array([...text].map((character) => character.charCodeAt(0))));
const id = "0b7a7c5e-8f0e-4a8e-9d2b-3f1c2a4b5c6d";

describe("page cursors", () => {
  it("reads a cursor the API made", () => {
    expect(parsePageCursor(cursorOf(`2026-12-01T09:00:00.000Z|${id}`))).toEqual({ at: new Date("2026-12-01T09:00:00.000Z"), id });
    expect(pageCursor.safeParse(cursorOf(`2026-12-01T09:00:00.000Z|${id}`)).success).toBe(true);
  });

  it.each([
    ["an id that is not a UUID", cursorOf("2026-12-01T09:00:00.000Z|not-a-uuid")],
    ["no instant", cursorOf(`|${id}`)],
    ["an instant that is no date", cursorOf(`yesterday|${id}`)],
    ["an extra field", cursorOf(`2026-12-01T09:00:00.000Z|${id}|x`)],
    ["no base64url", "%%%"],
    ["nothing", ""],
    ["a cursor too long", "a".repeat(300)],
  ])("refuses %s", (_name, cursor) => {
    expect(parsePageCursor(cursor)).toBeUndefined();
    // One issue, however many checks fail.
    expect(pageCursor.safeParse(cursor).error?.issues).toEqual([
      expect.objectContaining({ path: [], message: "Not a cursor from this API" }),
    ]);
  });
});
