import { isRouteErrorResponse, useRouteError } from "react-router";
import { Button } from "../components/button.js";
import { ButtonLink } from "../components/button-link.js";
import { NotFoundPage } from "./not-found-page.js";

/**
 * Shown when a page throws while rendering or loading, instead of React Router's developer screen.
 * The error still reaches the console, where React reports it.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <NotFoundPage />;
  }
  return (
    <div role="alert" className="mx-auto flex w-full max-w-md flex-col items-center px-4 py-20 text-center sm:py-28">
      <title>Something went wrong · Bookable</title>
      <h1 className="text-3xl font-semibold tracking-tight text-stone-900">Something went wrong</h1>
      <p className="mt-3 text-stone-600">This page hit an unexpected problem. Reloading usually helps.</p>
      <div className="mt-8 flex flex-col gap-3 sm:flex-row">
        <Button onPress={() => window.location.reload()}>Reload the page</Button>
        <ButtonLink to="/" variant="secondary" reloadDocument>
          Go to the home page
        </ButtonLink>
      </div>
    </div>
  );
}
