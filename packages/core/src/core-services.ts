import type { AccountDependencies } from "./accounts/account-dependencies.js";
import { type AccountService, createAccountService } from "./accounts/account-service.js";
import { type BookingService, type BookingServiceDependencies, createBookingService } from "./bookings/booking-service.js";
import {
  createNotificationService,
  type NotificationService,
  type NotificationServiceDependencies,
} from "./notifications/notification-service.js";
import { createPaymentService, type PaymentService } from "./payments/payment-service.js";
import { createResourceService, type ResourceService, type ResourceServiceDependencies } from "./resources/resource-service.js";

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
}

export interface CoreServiceDependencies {
  accounts: AccountDependencies;
  /** The payments' dependencies are the bookings' too: a booking opens, reconciles and refunds payments. */
  bookings: BookingServiceDependencies;
  resources: ResourceServiceDependencies;
  notifications: NotificationServiceDependencies;
}

export function createCoreServices(deps: CoreServiceDependencies): CoreServices {
  return {
    accounts: createAccountService(deps.accounts),
    bookings: createBookingService(deps.bookings),
    payments: createPaymentService(deps.bookings.payments),
    resources: createResourceService(deps.resources),
    notifications: createNotificationService(deps.notifications),
  };
}
