import { apiKeysRouter } from "./routers/api-keys-router.js";
import { authRouter } from "./routers/auth-router.js";
import { bookingsRouter } from "./routers/bookings-router.js";
import { calendarFeedsRouter } from "./routers/calendar-feeds-router.js";
import { devRouter } from "./routers/dev-router.js";
import { emailDeliveryRouter } from "./routers/email-delivery-router.js";
import { notificationsRouter } from "./routers/notifications-router.js";
import { paymentsRouter } from "./routers/payments-router.js";
import { createResourcesRouter } from "./routers/resources-router.js";
import { sessionsRouter } from "./routers/sessions-router.js";
import { usersRouter } from "./routers/users-router.js";
import { waitlistRouter } from "./routers/waitlist-router.js";
import { webhookEndpointsRouter } from "./routers/webhook-endpoints-router.js";
import { router } from "./trpc.js";

/** What the host decides about the procedures (from its config). */
export interface AppRouterOptions {
  /**
   * Validate answers against their output schemas at run time (VALIDATE_OUTPUT: on outside production).
   * Off, the largest answers are trusted to their static types; see `checkedOutput`.
   */
  validateOutput: boolean;
}

/** The procedures, as the host serves them. */
export function createAppRouter(options: AppRouterOptions) {
  return router({
    users: usersRouter,
    auth: authRouter,
    sessions: sessionsRouter,
    emailDelivery: emailDeliveryRouter,
    apiKeys: apiKeysRouter,
    resources: createResourcesRouter(options),
    bookings: bookingsRouter,
    payments: paymentsRouter,
    notifications: notificationsRouter,
    waitlist: waitlistRouter,
    webhookEndpoints: webhookEndpointsRouter,
    calendarFeeds: calendarFeedsRouter,
    dev: devRouter,
  });
}

/**
 * The contract: every answer validated. The OpenAPI document, the procedures' metadata and the web
 * client's type come from it, whatever a host serves.
 */
export const appRouter = createAppRouter({ validateOutput: true });

/** The type the web client is generated from; the web app imports only this type. */
export type AppRouter = typeof appRouter;
