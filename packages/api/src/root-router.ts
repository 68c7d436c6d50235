import { usersRouter } from "./routers/users-router.js";
import { router } from "./trpc.js";

export const appRouter = router({
  users: usersRouter,
});

/** The type the web client is generated from; the web app imports only this type. */
export type AppRouter = typeof appRouter;
