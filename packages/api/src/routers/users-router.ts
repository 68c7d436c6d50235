import { registerUser } from "@bookable/core";
import { registerInput, registerOutput } from "@bookable/validators";
import { publicProcedure, router } from "../trpc.js";

export const usersRouter = router({
  register: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/users",
        protect: false,
        tags: ["users"],
        summary: "Register an account",
        description:
          "Creates a member account (an admin one for emails in ADMIN_EMAILS). Username and email are unique regardless of case.",
        successDescription: "The account was created.",
        errorResponses: {
          400: "A field is missing or invalid; `issues` names each one.",
          409: "The username or email is taken; `issues` names the field.",
        },
      },
      successStatus: 201,
    })
    .input(registerInput)
    .output(registerOutput)
    .mutation(async ({ ctx, input }) => ({
      user: await registerUser({ db: ctx.db, adminEmails: ctx.adminEmails }, input),
    })),
});
