import { codeFromHttpStatus, codeFromTrpc, errorCode, errorCodes, errorTable } from "@bookable/validators";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { describe, expect, it } from "vitest";

const trpcCodes = Object.keys(TRPC_ERROR_CODES_BY_KEY);

describe("the error table", () => {
  it("has one row for every code an AppError or an error body may carry", () => {
    expect(errorCodes).toEqual(errorCode.options);
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    for (const code of errorCodes) expect(errorTable[code].message.length).toBeGreaterThan(0);
  });

  it.each(errorCodes)("gives %s a tRPC code whose HTTP status, by tRPC's own mapping, is the row's", (code) => {
    const row = errorTable[code];
    expect(trpcCodes).toContain(row.trpcCode);
    expect(getHTTPStatusCodeFromError(new TRPCError({ code: row.trpcCode }))).toBe(row.httpStatus);
  });

  it("turns every bare tRPC code into one of ours with the status tRPC gives it, or INTERNAL", () => {
    for (const trpcCode of trpcCodes) {
      const code = codeFromTrpc(trpcCode);
      if (code === "INTERNAL") continue;
      const status = getHTTPStatusCodeFromError(new TRPCError({ code: trpcCode as TRPCError["code"] }));
      expect([trpcCode, errorTable[code].httpStatus]).toEqual([trpcCode, status]);
    }
    expect(codeFromTrpc("UNAUTHORIZED")).toBe("UNAUTHENTICATED");
    expect(codeFromTrpc("PARSE_ERROR")).toBe("BAD_REQUEST");
    // A specific code is only ever raised on purpose, never guessed from a bare tRPC error.
    expect(codeFromTrpc("UNPROCESSABLE_CONTENT")).toBe("INTERNAL");
  });

  it("turns a bare HTTP status into the general code of that status", () => {
    expect(codeFromHttpStatus(403)).toBe("FORBIDDEN");
    expect(codeFromHttpStatus(409)).toBe("CONFLICT");
    expect(codeFromHttpStatus(503)).toBe("SERVICE_UNAVAILABLE");
    expect(codeFromHttpStatus(502)).toBe("INTERNAL");
    expect(codeFromHttpStatus(408)).toBe("BAD_REQUEST");
  });
});
