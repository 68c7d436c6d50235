import type { CoreServices } from "@bookable/core";
import type { LocalEmailSender, LocalSmsSender } from "@bookable/integrations";
import type { UserOutput } from "@bookable/validators";
import type { BaseLogger } from "pino";

/** The logging a procedure may do; Fastify's request logger satisfies it. */
export type ApiLogger = Pick<BaseLogger, "fatal" | "error" | "warn" | "info" | "debug" | "trace">;

/** What the host does with the browser's session cookie (the API layer never touches HTTP itself). */
export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface OAuthProviderLink {
  id: string;
  name: string;
  startUrl: string;
}

/**
 * Everything a procedure may use: the request's facts and core's services, bound once at start. Built per
 * request by the host (the Fastify server). Everything else here is a fact of the request (issue 14).
 */
export interface ApiContext {
  /** Core's services with their dependencies bound (apps/server create-services.ts). */
  services: CoreServices;
  /** Child logger already carrying the request id. */
  logger: ApiLogger;
  requestId: string;
  /** The signed-in caller, or null. */
  user: UserOutput | null;
  /** The session behind the caller's credential; null when anonymous or for API keys. */
  sessionId: string | null;
  /** How the caller authenticated: a session cookie, a bearer credential, or not at all. */
  authMethod: "cookie" | "bearer" | null;
  /** A credential was sent but refused (unknown, expired, revoked or tampered with). */
  credentialRejected: boolean;
  client: {
    ip: string;
    userAgent: string | undefined;
    /** The request came from a page of another origin (by its Origin header). */
    crossSite: boolean;
  };
  sessionCookie: SessionCookie;
  oauthProviders: readonly OAuthProviderLink[];
  /** The dev mailbox, present only while email is delivered locally. */
  localMailbox: LocalEmailSender | null;
  /** The SMS half of the dev mailbox, present only while SMS are delivered locally. */
  localSmsOutbox: LocalSmsSender | null;
  /** The request's Idempotency-Key header, for creating procedures. */
  idempotencyKey: string | undefined;
}
