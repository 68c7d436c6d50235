import type { AppRouter } from "@bookable/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { type ReactNode, useState } from "react";
import { serverErrorCode } from "./lib/server-error-code.js";
import { TRPCProvider } from "./lib/trpc.js";

export interface AppProvidersProps {
  children: ReactNode;
}

/**
 * Whether a failed query is worth asking again: when the server was unreachable or failed itself.
 * A 4xx answer (signed out, not found) stays the same on a retry and would only delay the message.
 */
function isWorthRetrying(failureCount: number, error: unknown): boolean {
  const code = serverErrorCode(error);
  return failureCount < 2 && (code === undefined || code === "INTERNAL" || code === "SERVICE_UNAVAILABLE");
}

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data shown right after a navigation is fresh enough for half a minute; avoids refetching
      // on every focus change while someone fills in a form.
      queries: { staleTime: 30_000, retry: isWorthRetrying },
      // A failed mutation may have half-happened on the server (e.g. account created, response
      // lost); retrying blindly could double it, so the person decides.
      mutations: { retry: false },
    },
  });
}

/** The data layer every page relies on: TanStack Query's cache and the typed tRPC client. */
export function AppProviders({ children }: AppProvidersProps) {
  // Created once per mounted app (not at module load) so tests can mount isolated instances.
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      // Relative URL: in production Fastify serves this app and /trpc from one origin; in
      // development Vite proxies /trpc to the server (vite.config.ts).
      links: [httpBatchLink({ url: "/trpc" })],
    }),
  );

  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
