import type { FastifyError, FastifyRequest } from "fastify";
import { describe, expect, it } from "vitest";
import { describeFastifyError } from "./error-handler-plugin.js";
import { statusOf } from "./send-error.js";

const request = { routeOptions: { bodyLimit: 1024 }, headers: { "content-type": "text/plain" } } as unknown as FastifyRequest;
const fastifyError = (statusCode: number | undefined, code = "FST_ERR_TEST", message = "raw message"): FastifyError =>
  Object.assign(new Error(message), { statusCode, code, name: "FastifyError" });

describe("describeFastifyError", () => {
  it("gives a Fastify status with a row in the error table that row's code and status", () => {
    const tooLarge = describeFastifyError(fastifyError(413, "FST_ERR_CTP_BODY_TOO_LARGE"), request);
    expect([tooLarge.code, statusOf(tooLarge), tooLarge.message]).toEqual([
      "PAYLOAD_TOO_LARGE",
      413,
      "The request body is larger than the 1024 byte limit",
    ]);
    const mediaType = describeFastifyError(fastifyError(415, "FST_ERR_CTP_INVALID_MEDIA_TYPE"), request);
    expect([mediaType.code, statusOf(mediaType)]).toEqual(["UNSUPPORTED_MEDIA_TYPE", 415]);
    expect(describeFastifyError(fastifyError(400), request)).toMatchObject({ code: "BAD_REQUEST", message: "raw message" });
  });

  it("keeps a 4xx without a row under BAD_REQUEST, and answers any other 5xx as INTERNAL 500 without its detail", () => {
    const timeout = describeFastifyError(fastifyError(408), request);
    expect([timeout.code, statusOf(timeout)]).toEqual(["BAD_REQUEST", 408]);
    const badGateway = describeFastifyError(fastifyError(502, "FST_ERR_TEST", "upstream secret"), request);
    expect([badGateway.code, statusOf(badGateway)]).toEqual(["INTERNAL", 500]);
    expect(badGateway.message).not.toContain("secret");
    const thrown = describeFastifyError(fastifyError(undefined), request);
    expect([thrown.code, statusOf(thrown)]).toEqual(["INTERNAL", 500]);
  });
});
