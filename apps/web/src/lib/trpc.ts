import type { AppRouter } from "@bookable/api";
import { createTRPCContext } from "@trpc/tanstack-react-query";

/**
 * The typed tRPC hooks. Only the *type* of the server's router is imported, so no server code
 * reaches the browser bundle; `useTRPC()` gives `queryOptions` / `mutationOptions` factories for
 * TanStack Query's own hooks.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
