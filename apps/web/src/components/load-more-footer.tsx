import { readServerError } from "../lib/read-server-error.js";
import { Button } from "./button.js";
import { ServerErrorAlert } from "./server-error-alert.js";

/** The parts of an infinite query (TanStack Query's useInfiniteQuery) the footer needs. */
export interface NextPageQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => Promise<unknown>;
}

/** Under a paged list: "Load more" while there is a next page, and what went wrong if loading it failed. */
export function LoadMoreFooter({ query, errorTitle }: { query: NextPageQuery; errorTitle: string }) {
  return (
    <>
      {query.hasNextPage ? (
        <Button
          variant="secondary"
          className="self-center"
          onPress={() => void query.fetchNextPage()}
          isPending={query.isFetchingNextPage}
          pendingLabel="Loading…"
        >
          Load more
        </Button>
      ) : null}
      {query.isFetchNextPageError ? <ServerErrorAlert title={errorTitle} error={readServerError(query.error)} /> : null}
    </>
  );
}
