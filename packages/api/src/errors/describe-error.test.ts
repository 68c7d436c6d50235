import { AppError } from "@bookable/core/app-error";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeError } from "./describe-error.js";
import { errorIdOf } from "./error-id.js";

describe("describeError", () => {
  it("keeps an AppError's code, message and issues, with the status its code implies", () => {
    const cause = new AppError("CONFLICT", "That username is taken", {
      issues: [{ path: "username", message: "That username is taken" }],
    });
    const described = describeError(new TRPCError({ code: "CONFLICT", message: cause.message, cause }));
    expect(described).toMatchObject({
      code: "CONFLICT",
      httpStatus: 409,
      message: "That username is taken",
      issues: [{ path: "username", message: "That username is taken" }],
    });
  });

  it("turns input validation into VALIDATION_FAILED with one dotted path per issue", () => {
    const parsed = z
      .object({ attendee: z.object({ email: z.email({ error: "Bad email" }) }) })
      .safeParse({ attendee: { email: "x" } });
    if (parsed.success) throw new Error("expected a validation failure");
    const described = describeError(new TRPCError({ code: "BAD_REQUEST", cause: parsed.error }));
    expect(described).toMatchObject({
      code: "VALIDATION_FAILED",
      httpStatus: 400,
      message: "Input validation failed",
      issues: [{ path: "attendee.email", message: "Bad email" }],
    });
  });

  it("hides the detail of anything unexpected behind INTERNAL", () => {
    const error = new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "relation users does not exist",
      cause: new Error("boom"),
    });
    const described = describeError(error);
    expect(described).toMatchObject({ code: "INTERNAL", httpStatus: 500, issues: undefined });
    expect(described.message).not.toContain("relation");
  });

  it("gives one error one id, however often it is asked, and another error another", () => {
    const error = new TRPCError({ code: "NOT_FOUND" });
    expect(describeError(error).errorId).toBe(errorIdOf(error));
    expect(describeError(error).errorId).toMatch(/^err_[0-9a-f]{32}$/);
    expect(describeError(new TRPCError({ code: "NOT_FOUND" })).errorId).not.toBe(errorIdOf(error));
  });

  it("answers a node-postgres pool acquire timeout (wrapped by Drizzle) as an overloaded 503, not INTERNAL", () => {
    const timeout = new Error("Failed query: select 1", { cause: new Error("timeout exceeded when trying to connect") });
    const described = describeError(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: timeout }));
    expect(described).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, overloaded: true });
    expect(describeError(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new Error("boom") })).overloaded).toBeUndefined();
  });

  it("maps tRPC's own codes onto ours", () => {
    expect(describeError(new TRPCError({ code: "UNAUTHORIZED" })).code).toBe("UNAUTHENTICATED");
    expect(describeError(new TRPCError({ code: "TOO_MANY_REQUESTS" })).httpStatus).toBe(429);
    expect(describeError(new TRPCError({ code: "PARSE_ERROR" })).code).toBe("BAD_REQUEST");
  });
});
