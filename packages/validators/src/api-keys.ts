import { z } from "zod";
import { plainText } from "./plain-text.js";

export const apiKeyOutput = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: "Kiosk in the lobby" }),
    prefix: z.string().meta({ description: "The key's first characters, to tell keys apart.", example: "bka_x7kq2m" }),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiKey", description: "A personal API key, without its secret." });
export type ApiKeyOutput = z.infer<typeof apiKeyOutput>;

export const createApiKeyInput = z
  .object({
    name: plainText({ error: "Name is required" })
      .min(1, { error: "Name is required" })
      .max(64, { error: "Name must be at most 64 characters" })
      .meta({ description: "What the key is for.", example: "Kiosk in the lobby" }),
  })
  .meta({ id: "CreateApiKeyInput" });

export const createdApiKeyOutput = z
  .object({
    apiKey: apiKeyOutput,
    key: z.string().meta({
      description: "The secret: shown this once, use it as `Authorization: Bearer <key>`.",
      example: "bka_x7kq2mzc4vhbqnet3r5wjy2ulp4s6dfa",
    }),
  })
  .meta({ id: "CreatedApiKey" });

export const apiKeyListOutput = z.object({ items: z.array(apiKeyOutput) }).meta({ id: "ApiKeyList" });

export const apiKeyIdInput = z.object({ id: z.uuid({ error: "Not an API key id" }) });
