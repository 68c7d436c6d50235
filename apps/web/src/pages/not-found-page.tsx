import { ButtonLink } from "../components/button-link.js";

/** Shown for any address the app has no page for. */
export function NotFoundPage() {
  return (
    <div className="mx-auto flex w-full max-w-md flex-col items-center px-4 py-20 text-center sm:py-28">
      <title>Page not found · Bookable</title>
      <p className="text-sm font-semibold text-accent-700">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-stone-900">We couldn't find that page</h1>
      <p className="mt-3 text-stone-600">The link may be old, or the address mistyped. Let's get you back on track.</p>
      <ButtonLink to="/" className="mt-8">
        Go to the home page
      </ButtonLink>
    </div>
  );
}
