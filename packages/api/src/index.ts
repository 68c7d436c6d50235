export type { ApiContext, ApiLogger, OAuthProviderLink, SessionCookie } from "./context.js";
export { type DescribedError, describeAppError, describeError, issuesFromZod } from "./errors/describe-error.js";
export { errorIdOf } from "./errors/error-id.js";
export { unauthenticatedError } from "./errors/unauthenticated-error.js";
export { createOpenApiDocument, procedureMeta } from "./openapi-document.js";
export { type AppRouter, type AppRouterOptions, appRouter, createAppRouter } from "./root-router.js";
export { type ApiMeta, createCallerFactory } from "./trpc.js";
