import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "./trpc.js";

/**
 * Who is signed in, from the session cookie through `auth.viewer`. Every component asks the same
 * cached query, so the header and the pages always agree, and a reload asks the server again.
 */
export function useViewer() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.viewer.queryOptions());
}
