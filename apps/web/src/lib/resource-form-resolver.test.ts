import { describe, expect, it } from "vitest";
import { resourceFormPath, resourceFormResolver } from "./resource-form-resolver.js";
import { resourceFormValues } from "./resource-form-values.js";

const resolverOptions = { fields: {}, shouldUseNativeValidation: false } as const;

function resolve(changes: Partial<ReturnType<typeof resourceFormValues>>) {
  return resourceFormResolver(
    { ...resourceFormValues(undefined, "Europe/Berlin"), name: "Room A", ...changes },
    undefined,
    resolverOptions,
  );
}

// The form's half of docs/extending.md: the location control sends its value, and the server's rule for it
// (from createResourceInput) is shown beside the control, before anything is sent.
describe("the resource editor's location", () => {
  it("goes into the create input, trimmed by the contract", async () => {
    const result = await resolve({ location: "  Building B, second floor " });
    expect(result.errors).toEqual({});
    expect(result.values).toMatchObject({ input: { location: "Building B, second floor" } });
  });

  it("shows the contract's limit beside the control", async () => {
    const result = await resolve({ location: "x".repeat(201) });
    expect(result.errors).toMatchObject({ location: { message: expect.stringMatching(/200/) } });
  });

  it("is where a server issue about it is shown", () => {
    expect(resourceFormPath("location")).toBe("location");
  });
});
