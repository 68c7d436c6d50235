import { z } from "zod";
import { plainText } from "./plain-text.js";
import { email, password, userOutput } from "./user.js";

/** A secret token from an email link or an earlier response; only its shape is checked here. */
const opaqueToken = (description: string) =>
  plainText({ error: "Token is required" })
    .min(10, { error: "That token is not valid" })
    .max(200, { error: "That token is not valid" })
    .meta({ description, example: "bkr_x7kq2m4n6p8r0t2v4x6z8b0d2f4h6j8l" });

export const signInInput = z
  .object({
    email,
    // Not the registration rules: an old password that predates them must still work.
    password: z.string({ error: "Password is required" }).min(1, { error: "Password is required" }).max(128).meta({
      description: "The account's password.",
      example: "correct horse battery staple",
    }),
  })
  .meta({ id: "SignInInput", description: "Email and password." });
export type SignInInput = z.input<typeof signInInput>;

export const viewerOutput = z
  .object({ user: userOutput.nullable() })
  .meta({ id: "Viewer", description: "Who is signed in, or null." });

export const meOutput = z.object({ user: userOutput }).meta({ id: "Me", description: "The caller." });

export const tokenInput = z
  .object({
    email: email.optional(),
    password: z.string().min(1).max(128).optional().meta({ description: "With `email`: the password grant." }),
    refreshToken: opaqueToken("A refresh token from an earlier response: the refresh grant (it is rotated).").optional(),
  })
  .superRefine((value, context) => {
    const passwordGrant = value.email !== undefined || value.password !== undefined;
    if (passwordGrant && value.refreshToken !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["refreshToken"],
        message: "Send either email and password or refreshToken, not both",
      });
    } else if (value.refreshToken === undefined) {
      if (value.email === undefined) context.addIssue({ code: "custom", path: ["email"], message: "Email is required" });
      if (value.password === undefined) context.addIssue({ code: "custom", path: ["password"], message: "Password is required" });
    }
  })
  .meta({
    id: "TokenInput",
    description: "Either `{ email, password }` or `{ refreshToken }`.",
    example: { email: "ada@example.com", password: "correct horse battery staple" },
  });
export type TokenInput = z.input<typeof tokenInput>;

export const tokenOutput = z
  .object({
    accessToken: z.string().meta({ description: "JWT for `Authorization: Bearer`, valid for `expiresIn` seconds." }),
    refreshToken: z
      .string()
      .meta({ description: "Opaque, single-use: exchange it for the next pair before it expires (30 days)." }),
    tokenType: z.literal("Bearer"),
    expiresIn: z.number().int().meta({ description: "Seconds the access token is valid.", example: 900 }),
  })
  .meta({ id: "TokenOutput", description: "A token pair for REST clients." });
export type TokenOutput = z.infer<typeof tokenOutput>;

export const revokeTokenInput = z
  .object({ refreshToken: opaqueToken("The refresh token whose session to end.") })
  .meta({ id: "RevokeTokenInput" });

export const requestPasswordResetInput = z.object({ email }).meta({ id: "RequestPasswordResetInput" });

export const resetPasswordInput = z
  .object({ token: opaqueToken("The token from the reset email."), password })
  .meta({ id: "ResetPasswordInput", description: "Sets a new password; every session of the account ends." });

export const verifyEmailInput = z
  .object({ token: opaqueToken("The token from the verification email.") })
  .meta({ id: "VerifyEmailInput" });

export const acceptedOutput = z
  .object({ message: z.string().meta({ example: "If an account exists for that email, we have sent a link." }) })
  .meta({ id: "Accepted", description: "The request was taken; what happens next is in the message." });

export const oauthProviderOutput = z
  .object({
    id: z.string().meta({ example: "github" }),
    name: z.string().meta({ example: "GitHub" }),
    startUrl: z.string().meta({ description: "Where the browser goes to sign in with it.", example: "/auth/oauth/github/start" }),
  })
  .meta({ id: "OAuthProvider" });

export const oauthProvidersOutput = z.object({ providers: z.array(oauthProviderOutput) }).meta({ id: "OAuthProviders" });
