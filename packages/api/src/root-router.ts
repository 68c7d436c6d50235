import { apiKeysRouter } from "./routers/api-keys-router.js";
import { authRouter } from "./routers/auth-router.js";
import { bookingsRouter } from "./routers/bookings-router.js";
import { devRouter } from "./routers/dev-router.js";
import { notificationsRouter } from "./routers/notifications-router.js";
import { paymentsRouter } from "./routers/payments-router.js";
import { resourcesRouter } from "./routers/resources-router.js";
import { sessionsRouter } from "./routers/sessions-router.js";
import { usersRouter } from "./routers/users-router.js";
import { router } from "./trpc.js";

export const appRouter = router({
  users: usersRouter,
  auth: authRouter,
  sessions: sessionsRouter,
  apiKeys: apiKeysRouter,
  resources: resourcesRouter,
  bookings: bookingsRouter,
  payments: paymentsRouter,
  notifications: notificationsRouter,
  dev: devRouter,
});

/** The type the web client is generated from; the web app imports only this type. */
export type AppRouter = typeof appRouter;
