import type { AccountDependencies } from "./accounts/account-dependencies.js";
import { type AccountService, createAccountService } from "./accounts/account-service.js";
import { type BookingService, type BookingServiceDependencies, createBookingService } from "./bookings/booking-service.js";
import type { CalendarFeedDependencies } from "./calendar-feeds/calendar-feed-dependencies.js";
import { type CalendarFeedService, createCalendarFeedService } from "./calendar-feeds/calendar-feed-service.js";
import {
  createIdempotencyService,
  type IdempotencyService,
  type IdempotencyServiceDependencies,
} from "./idempotency/idempotency-service.js";
import {
  createNotificationService,
  type NotificationService,
  type NotificationServiceDependencies,
} from "./notifications/notification-service.js";
import { createPaymentService, type PaymentService } from "./payments/payment-service.js";
import { createResourceService, type ResourceService, type ResourceServiceDependencies } from "./resources/resource-service.js";
import { createWaitlistService, type WaitlistService } from "./waitlist/waitlist-service.js";
import type { WebhookEndpointsDependencies } from "./webhooks/webhook-endpoints-dependencies.js";
import { createWebhookEndpointsService, type WebhookEndpointsService } from "./webhooks/webhook-endpoints-service.js";

/**
 * Core's services with their dependencies bound, made once at start by the host (apps/server
 * create-services.ts) and handed to every request (issue 14, decision 029): a procedure passes request facts
 * (the caller, the input) and never wires infrastructure itself.
 */
export interface CoreServices {
  accounts: AccountService;
  bookings: BookingService;
  payments: PaymentService;
  resources: ResourceService;
  notifications: NotificationService;
  waitlist: WaitlistService;
  /** Safe retries: every mutation of a signed-in caller runs through it (decision 032). */
  idempotency: IdempotencyService;
  webhookEndpoints: WebhookEndpointsService;
  calendarFeeds: CalendarFeedService;
}

export interface CoreServiceDependencies {
  accounts: AccountDependencies;
  /** The payments' dependencies are the bookings' too: a booking opens, reconciles and refunds payments. */
  bookings: BookingServiceDependencies;
  resources: ResourceServiceDependencies;
  notifications: NotificationServiceDependencies;
  /** Minutes a seat offered to the first in a waitlist is held for them (WAITLIST_OFFER_MINUTES). */
  waitlistOfferMinutes: number;
  idempotency: IdempotencyServiceDependencies;
  webhookEndpoints: WebhookEndpointsDependencies;
  /** The feeds' links are made on the accounts' public URL (the request's), like every other link. */
  calendarFeeds: Omit<CalendarFeedDependencies, "publicUrl">;
}

export function createCoreServices(deps: CoreServiceDependencies): CoreServices {
  const waitlist = createWaitlistService({
    payments: deps.bookings.payments,
    offerMinutes: deps.waitlistOfferMinutes,
    resources: deps.bookings.resources,
  });
  const resources = createResourceService(deps.resources);
  return {
    accounts: createAccountService(deps.accounts),
    // A cancellation offers the seats it frees to the slot's waitlist in its own transaction (issue 15).
    bookings: createBookingService({ ...deps.bookings, offerFreedSeats: waitlist.offerFreedSeats }),
    payments: createPaymentService(deps.bookings.payments),
    resources: {
      ...resources,
      // More seats may be waited for: they are offered at once rather than at the next sweep.
      async update(input) {
        const updated = await resources.update(input);
        await waitlist.sweep(updated.id);
        return updated;
      },
    },
    waitlist,
    notifications: createNotificationService(deps.notifications),
    idempotency: createIdempotencyService(deps.idempotency),
    webhookEndpoints: createWebhookEndpointsService(deps.webhookEndpoints),
    calendarFeeds: createCalendarFeedService({ ...deps.calendarFeeds, publicUrl: deps.accounts.publicUrl }),
  };
}
