import { z } from "zod";

// Unicode "Cc" control characters (C0, DEL, C1). PostgreSQL cannot store NUL in text (a 500 before issue
// 11), and the rest have no business in names or notes. Multi-line fields keep line breaks and tabs.
const SINGLE_LINE = /^\P{Cc}*$/u;
const MULTI_LINE = /^(?:\P{Cc}|[\n\r\t])*$/u;

export interface PlainTextOptions {
  /** Allow line breaks and tabs (notes, descriptions). */
  multiline?: boolean;
  /** The message when the field is missing or not a string. */
  error?: string;
}

/**
 * The start of every free-text field of an input contract: a trimmed string without control characters.
 * Chain length limits and patterns after it. A refusal is VALIDATION_FAILED with the field's path.
 */
export function plainText(options: PlainTextOptions = {}) {
  const base = options.error === undefined ? z.string() : z.string({ error: options.error });
  return base.trim().regex(options.multiline ? MULTI_LINE : SINGLE_LINE, {
    error: options.multiline
      ? "Remove control characters (only line breaks and tabs are allowed)"
      : "Remove control characters and line breaks",
  });
}
