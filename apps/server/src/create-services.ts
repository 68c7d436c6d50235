import {
  createAccessTokenSigner,
  createAuthRateLimits,
  createGitHubProvider,
  createOidcProvider,
  loadOrCreateSigningKey,
  type OAuthProvider,
} from "@bookable/auth";
import type { AccountDependencies, PaymentDependencies } from "@bookable/core";
import type { DatabaseHandle } from "@bookable/db";
import {
  createLocalPaymentGateway,
  createStripePaymentGateway,
  type EmailSender,
  LocalEmailSender,
  type PaymentGateway,
} from "@bookable/integrations";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config.js";

/** The long-lived collaborators of the HTTP application, made once at start from the config. */
export interface ServerServices {
  accounts: AccountDependencies;
  /** The dev mailbox when email is delivered locally (no provider configured), outside production. */
  localMailbox: LocalEmailSender | null;
  oauthProviders: OAuthProvider[];
  payments: PaymentDependencies;
  close(): Promise<void>;
}

export interface ServiceOverrides {
  email?: EmailSender;
}

// Failed sign-ins per account before it is paused, and for how long (issue: 10 per 15 minutes).
const FAILED_SIGN_INS_PER_ACCOUNT = 10;
const FAILED_SIGN_IN_WINDOW_SECONDS = 15 * 60;

export async function createServices(
  config: Config,
  database: DatabaseHandle,
  logger: FastifyBaseLogger,
  overrides: ServiceOverrides = {},
): Promise<ServerServices> {
  const localSender = overrides.email ? null : new LocalEmailSender();
  const email = overrides.email ?? (localSender as LocalEmailSender);
  // The mailbox shows reset links: in production it would hand anyone every account, so it stays closed.
  const localMailbox = config.NODE_ENV === "production" ? null : localSender;
  if (localSender && localMailbox) logger.info("email is delivered locally: messages appear in the dev mailbox at /dev/mailbox");
  if (localSender && !localMailbox) logger.warn("no email provider is configured: emails are not delivered");
  if (!config.JWT_PRIVATE_KEY && config.NODE_ENV === "production") {
    logger.warn("JWT_PRIVATE_KEY is not set: using a key generated into DATA_DIR; several instances need one shared key");
  }
  const signingKey = await loadOrCreateSigningKey(config.JWT_PRIVATE_KEY, config.DATA_DIR);
  const accessTokens = await createAccessTokenSigner(signingKey, config.PUBLIC_URL);
  const rateLimits = createAuthRateLimits({
    perIpPerMinute: config.AUTH_RATE_LIMIT_PER_MINUTE,
    failedSignInsPerAccount: FAILED_SIGN_INS_PER_ACCOUNT,
    failedSignInWindowSeconds: FAILED_SIGN_IN_WINDOW_SECONDS,
    redisUrl: config.REDIS_URL,
  });
  const gateway = paymentGateway(config, logger);
  return {
    payments: { db: database.db, gateway, email, publicUrl: config.PUBLIC_URL, log: logger },
    accounts: {
      db: database.db,
      email,
      accessTokens,
      rateLimits,
      adminEmails: config.ADMIN_EMAILS,
      publicUrl: config.PUBLIC_URL,
    },
    localMailbox,
    oauthProviders: configuredOAuthProviders(config),
    close: () => rateLimits.close(),
  };
}

function paymentGateway(config: Config, logger: FastifyBaseLogger): PaymentGateway | null {
  if (config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET) {
    return createStripePaymentGateway({
      secretKey: config.STRIPE_SECRET_KEY,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET,
      apiBase: config.STRIPE_API_BASE,
    });
  }
  // The local checkout confirms bookings without money: in production it would give priced slots away.
  if (config.NODE_ENV === "production") {
    logger.warn("STRIPE_SECRET_KEY is not set: priced resources cannot be booked");
    return null;
  }
  logger.info("payments run in local mode: priced bookings are paid on the local checkout page, no money moves");
  return createLocalPaymentGateway({ checkoutPageUrl: (sessionId) => `${config.PUBLIC_URL}/dev/checkout/${sessionId}` });
}

function configuredOAuthProviders(config: Config): OAuthProvider[] {
  const redirectUri = (id: string) => new URL(`/auth/oauth/${id}/callback`, config.PUBLIC_URL).href;
  const providers: OAuthProvider[] = [];
  if (config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET) {
    providers.push(
      createGitHubProvider({
        clientId: config.GITHUB_CLIENT_ID,
        clientSecret: config.GITHUB_CLIENT_SECRET,
        redirectUri: redirectUri("github"),
      }),
    );
  }
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) {
    providers.push(
      createOidcProvider({
        id: "google",
        name: "Google",
        issuer: "https://accounts.google.com",
        clientId: config.GOOGLE_CLIENT_ID,
        clientSecret: config.GOOGLE_CLIENT_SECRET,
        redirectUri: redirectUri("google"),
      }),
    );
  }
  if (config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET) {
    providers.push(
      createOidcProvider({
        id: "oidc",
        name: config.OIDC_NAME,
        issuer: config.OIDC_ISSUER,
        clientId: config.OIDC_CLIENT_ID,
        clientSecret: config.OIDC_CLIENT_SECRET,
        redirectUri: redirectUri("oidc"),
      }),
    );
  }
  return providers;
}
