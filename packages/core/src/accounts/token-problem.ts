import { AppError } from "../app-error.js";

const messages = {
  expired: "This link has expired; ask for a new one",
  used: "This link has already been used; ask for a new one",
  invalid: "This link is not valid",
} as const;

/** A bad emailed token, reported against the `token` field so forms can show it. */
export function tokenProblem(outcome: keyof typeof messages, what: string): AppError {
  return new AppError("BAD_REQUEST", `The ${what} link cannot be used: ${messages[outcome].toLowerCase()}`, {
    issues: [{ path: "token", message: messages[outcome] }],
  });
}
