export type { AccountDependencies } from "./accounts/account-dependencies.js";
export { type AccountService, createAccountService } from "./accounts/account-service.js";
export { promoteVerifiedAdmin } from "./accounts/admin-emails.js";
export { createOwnApiKey, listOwnApiKeys, revokeOwnApiKey } from "./accounts/api-keys.js";
export { type AuthenticatedCaller, authenticateBearer, authenticateBrowser } from "./accounts/authenticate.js";
export { signInBrowser, signOut, startBrowserSession } from "./accounts/browser-sessions.js";
export { sendEmailVerification, verifyEmail } from "./accounts/email-verification.js";
export { findUserByEmail, findUserById } from "./accounts/find-user.js";
export { listUsers } from "./accounts/list-users.js";
export { availableUsername, type OAuthIdentity, signInWithOAuth } from "./accounts/oauth-sign-in.js";
export { requestPasswordReset, resetPassword } from "./accounts/password-reset.js";
export {
  PASSWORD_RESET_QUEUE,
  type PasswordResetJob,
  preparePasswordResetQueue,
  sendPasswordResetLink,
  startPasswordResetWorker,
} from "./accounts/password-reset-requests.js";
export { type RegisterUserDependencies, registerUser } from "./accounts/register-user.js";
export { type CachedCaller, SessionCache } from "./accounts/session-cache.js";
export { listSessions, revokeOtherSessions, revokeOwnSession } from "./accounts/sessions.js";
export { verifyCredentials, WRONG_CREDENTIALS } from "./accounts/sign-in.js";
export { toUserOutput } from "./accounts/to-user-output.js";
export { issueTokens, revokeRefreshToken, type TokenGrant } from "./accounts/tokens.js";
export {
  ANSWER_CACHE_RESULTS,
  type AnswerCache,
  type AnswerCacheOptions,
  type AnswerCacheResult,
  type AnswerEncoding,
  type AnswerKind,
  type CachedAnswer,
  createAnswerCache,
} from "./answer-cache/answer-cache.js";
export { type AvailabilityVersions, availabilityVersionReader } from "./answer-cache/availability-version-reader.js";
export { coalescedReads } from "./answer-cache/coalesced-reads.js";
export { AppError } from "./app-error.js";
export { expireOverdueHolds } from "./booking-store/expire-holds.js";
export {
  type BookingRecord,
  type BookingViewer,
  findVisibleBooking,
  getBooking,
  readBookingOutput,
} from "./booking-store/find-booking.js";
export { listAllBookings, listMyBookings } from "./booking-store/list-bookings.js";
export {
  lockResourceBookings,
  lockSeatRange,
  SEAT_LOCK_BUCKET_MINUTES,
  seatLockBuckets,
} from "./booking-store/seat-range-locks.js";
export { toBookingOutput } from "./booking-store/to-booking-output.js";
export { bookSlot } from "./bookings/book-slot.js";
export type { BookingLimits } from "./bookings/booker-limits.js";
export { bookingCalendar } from "./bookings/booking-calendar.js";
export { type BookingService, type BookingServiceDependencies, createBookingService } from "./bookings/booking-service.js";
export { type CancelBookingRequest, cancelBooking } from "./bookings/cancel-booking.js";
export { type CreateBookingDependencies, createBooking } from "./bookings/create-booking.js";
export type { CalendarFeedDependencies } from "./calendar-feeds/calendar-feed-dependencies.js";
export {
  type CalendarFeedService,
  createCalendarFeedService,
  type FeedAnswer,
  type FeedRequest,
} from "./calendar-feeds/calendar-feed-service.js";
export { FEEDS_PATH } from "./calendar-feeds/feed-urls.js";
export { type CoreServiceDependencies, type CoreServices, createCoreServices } from "./core-services.js";
export { createIdempotencyCipher, type IdempotencyCipher } from "./idempotency/idempotency-cipher.js";
export {
  createIdempotencyService,
  type IdempotencyService,
  type IdempotencyServiceDependencies,
} from "./idempotency/idempotency-service.js";
export { stableJson, withIdempotency } from "./idempotency/with-idempotency.js";
export {
  PAYMENTS_SWEEP_QUEUE,
  prepareMaintenanceQueues,
  RETENTION_PRUNE_CRON,
  RETENTION_PRUNE_QUEUE,
} from "./maintenance/maintenance-queues.js";
export { maintenanceTasks } from "./maintenance/maintenance-tasks.js";
export {
  type MaintenanceTasks,
  type MaintenanceWorkerOptions,
  startMaintenanceWorker,
} from "./maintenance/maintenance-worker.js";
export { pruneExpiredIdempotencyKeys } from "./maintenance/prune-expired-idempotency-keys.js";
export type { RetentionDays } from "./maintenance/retention-days.js";
export { type RetentionPruneResult, runRetentionPrune } from "./maintenance/run-retention-prune.js";
export { type BookingNotice, notifyBooking } from "./notifications/booking-notifications.js";
export {
  CANCELLED_BEFORE_CONFIRMATION,
  type DeliveryOutcome,
  deliverNotification,
  RetryLaterError,
  SECRET_GONE,
} from "./notifications/deliver-notification.js";
export { type BatchDeliveryOutcome, deliverNotificationBatch } from "./notifications/deliver-notification-batch.js";
export { listNotifications, retryNotification, toNotificationOutput } from "./notifications/delivery-log.js";
export { enqueueNotification, enqueueNotifications, type NotificationRequest } from "./notifications/enqueue-notification.js";
export { maskRecipient } from "./notifications/mask-recipient.js";
export {
  type NotificationQueueDepth,
  readNotificationBacklog,
  readNotificationQueueDepth,
} from "./notifications/notification-backlog.js";
export type { DeliveryDependencies, DeliveryMetrics } from "./notifications/notification-dependencies.js";
export { NOTIFICATION_QUEUE, type NotificationJob, type NotificationOutbox } from "./notifications/notification-outbox.js";
export {
  NOTIFICATION_PRIORITIES,
  type NotificationPriorityName,
  notificationPriority,
  notificationPriorityName,
  priorityNameOf,
} from "./notifications/notification-priority.js";
export {
  createNotificationService,
  type NotificationService,
  type NotificationServiceDependencies,
} from "./notifications/notification-service.js";
export {
  type NotificationQueueSettings,
  type NotificationWorkerOptions,
  ONE_MESSAGE_PER_CONVERSATION_AT_A_TIME,
  prepareNotificationQueue,
  startNotificationWorker,
} from "./notifications/notification-worker.js";
export { CONFIRMATION_NOT_YET_SENT } from "./notifications/pending-confirmations.js";
export {
  type ProviderDeliveryEvent,
  type ProviderDeliveryStatus,
  type ProviderEventOutcome,
  type ProviderMessageReference,
  recordProviderDeliveryStatus,
  recordProviderMessageId,
} from "./notifications/provider-delivery-status.js";
export { sendSmsOnce, TWILIO_STATUS_CALLBACK_PATH } from "./notifications/send-sms-once.js";
export {
  clearUndeliverableAddress,
  findUndeliverableAddress,
  markUndeliverableAddress,
  normalizeEmailAddress,
  readEmailDelivery,
  type UndeliverableAddress,
  undeliverableReason,
  undeliverableReasons,
} from "./notifications/undeliverable-addresses.js";
export { abandonLocalCheckout, getLocalCheckout, payLocalCheckout } from "./payments/local-checkout.js";
export type { PaymentDependencies } from "./payments/payment-dependencies.js";
export { createPaymentService, type PaymentService } from "./payments/payment-service.js";
export { type PaymentEventOutcome, processPaymentEvent } from "./payments/process-payment-event.js";
export { type CheckoutOutcome, reconcileCheckout } from "./payments/reconcile-checkout.js";
export { type PaymentsSweepResult, runPaymentsSweep } from "./payments/run-payments-sweep.js";
export { sendPendingRefunds } from "./payments/send-pending-refunds.js";
export { availabilityAnswer } from "./resources/availability-answer.js";
export { type AvailabilityDaysQuery, availabilityDaysAnswer } from "./resources/availability-days-answer.js";
export { AVAILABILITY_LOOK_AHEAD_MS, availabilityFactsChangesAt } from "./resources/availability-facts-changes-at.js";
export { deleteDateOverride, listDateOverrides, setDateOverride } from "./resources/date-overrides.js";
export { findResource } from "./resources/find-resource.js";
export { getAvailability } from "./resources/get-availability.js";
export { type AvailabilityDays, availabilityDaysOf, getAvailabilityDays } from "./resources/get-availability-days.js";
export { listResources } from "./resources/list-resources.js";
export { type AvailabilityFacts, loadAvailabilityFacts } from "./resources/load-availability-facts.js";
export {
  cachedResourceDefinitions,
  type ResourceDefinition,
  type ResourceDefinitions,
  uncachedResourceDefinitions,
} from "./resources/resource-definitions.js";
export {
  createResourceService,
  type ResourceService,
  type ResourceServiceDependencies,
} from "./resources/resource-service.js";
export { createResource, slugify, updateResource } from "./resources/save-resource.js";
export { toResourceOutput } from "./resources/to-resource-output.js";
export type { ServiceLog } from "./service-log.js";
export { runWaitlistSweep } from "./waitlist/run-waitlist-sweep.js";
export type { WaitlistService } from "./waitlist/waitlist-service.js";
export { deliverWebhook, type WebhookDeliveryOutcome } from "./webhooks/deliver-webhook.js";
export { enqueueDeliveryJobs, enqueueWebhookEvent } from "./webhooks/enqueue-webhook-event.js";
export { isPublicAddress } from "./webhooks/webhook-addresses.js";
export type { WebhookDeliveryDependencies, WebhookDeliverySettings } from "./webhooks/webhook-delivery-dependencies.js";
export type { WebhookCaller } from "./webhooks/webhook-endpoints-access.js";
export type { WebhookEndpointsDependencies } from "./webhooks/webhook-endpoints-dependencies.js";
export type { WebhookEndpointsService } from "./webhooks/webhook-endpoints-service.js";
export {
  WEBHOOK_QUEUE,
  type WebhookEvent,
  type WebhookJob,
  type WebhookOutbox,
  type WebhookPayload,
  webhookPayload,
} from "./webhooks/webhook-outbox.js";
export { nextWebhookAttemptAt, WEBHOOK_MAX_ATTEMPTS } from "./webhooks/webhook-retry-schedule.js";
export { newWebhookSecret, openWebhookSecret, sealWebhookSecret } from "./webhooks/webhook-secret.js";
export { prepareWebhookQueue, startWebhookWorker } from "./webhooks/webhook-worker.js";
