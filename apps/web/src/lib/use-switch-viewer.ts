import type { UserOutput } from "@bookable/validators";
import { hashKey, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "./trpc.js";

/**
 * Returns what to call once someone signs in or out. The header switches at once (the viewer is set
 * from the answer we already have), everything cached for the previous person is dropped so the next
 * one never glimpses it, and then every query is invalidated so the server has the last word.
 */
export function useSwitchViewer(): (user: UserOutput | null) => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (user: UserOutput | null) => {
      const viewerKey = trpc.auth.viewer.queryKey();
      const viewerHash = hashKey(viewerKey);
      queryClient.removeQueries({ predicate: (query) => query.queryHash !== viewerHash });
      queryClient.setQueryData(viewerKey, { user });
      void queryClient.invalidateQueries();
    },
    [trpc, queryClient],
  );
}
