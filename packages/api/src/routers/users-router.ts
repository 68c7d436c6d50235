import { listUsersInput, registerInput, registerOutput, userListOutput } from "@bookable/validators";
import { adminProcedure, publicProcedure, rateLimited, router } from "../trpc.js";

export const usersRouter = router({
  list: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/users",
        tags: ["users"],
        summary: "All accounts (admin)",
        errorResponses: { 401: "No valid credential.", 403: "The caller is not an admin." },
      },
    })
    .input(listUsersInput)
    .output(userListOutput)
    .query(({ ctx, input }) => ctx.services.accounts.listUsers(input)),

  register: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/users",
        protect: false,
        tags: ["users"],
        summary: "Register an account",
        description:
          "Creates a member account and emails a verification link; an address in ADMIN_EMAILS becomes admin once verified. Username and email are unique regardless of case.",
        successDescription: "The account was created.",
        errorResponses: {
          400: "A field is missing or invalid; `issues` names each one.",
          403: "A browser request from another site.",
          409: "The username or email is taken; `issues` names the field.",
          429: "Too many attempts from this address; retry after `Retry-After` seconds.",
        },
      },
      successStatus: 201,
    })
    .use(rateLimited("register"))
    .input(registerInput)
    .output(registerOutput)
    .mutation(({ ctx, input }) => ctx.services.accounts.register(input, ctx.logger)),
});
