/** Days a finished row is kept before the retention prune deletes it (RETENTION_DAYS_*). */
export interface RetentionDays {
  /** Finished delivery-log rows: sent, skipped, dead, or the provider's final status. */
  notifications: number;
  /** Processed provider (Stripe webhook) events. */
  paymentEvents: number;
  /** Sessions after they expired or were revoked (their refresh tokens go with them). */
  sessions: number;
  /** One-time tokens (verification, reset) after use or expiry; refresh tokens after expiry. */
  tokens: number;
}
