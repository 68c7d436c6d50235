import { useMutation } from "@tanstack/react-query";
import { Link, NavLink, useNavigate } from "react-router";
import { classNames } from "../lib/class-names.js";
import { serverErrorCode } from "../lib/server-error-code.js";
import { useTRPC } from "../lib/trpc.js";
import { useSwitchViewer } from "../lib/use-switch-viewer.js";
import { useViewer } from "../lib/use-viewer.js";
import { Button } from "./button.js";
import { buttonStyles } from "./button-styles.js";

/**
 * The header's account corner. It follows `auth.viewer`, which the server answers from the session
 * cookie, so it is right after a reload too: a placeholder while that is asked, "Sign in" / "Sign up"
 * for visitors, and the username (to the account page) with "Sign out" for a signed-in person.
 */
export function AccountNav() {
  const trpc = useTRPC();
  const viewer = useViewer();
  const switchViewer = useSwitchViewer();
  const navigate = useNavigate();

  const leave = async () => {
    // Leave the page first: a signed-in-only page must not redirect to sign-in while the cache clears.
    await navigate("/");
    switchViewer(null);
  };
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: leave,
      onError(error) {
        // The session had already ended (expired or signed out elsewhere): the person is signed out either way.
        if (serverErrorCode(error) === "UNAUTHENTICATED") void leave();
      },
    }),
  );

  if (viewer.isPending) {
    // Same height as the buttons, so the header does not jump once the answer arrives.
    return <div aria-hidden="true" className="h-10 w-40 animate-pulse rounded-lg bg-stone-200/70 motion-reduce:animate-none" />;
  }

  const user = viewer.data?.user;
  if (!user) {
    // Also when the viewer could not be fetched: offering to sign in is the useful fallback.
    return (
      <nav aria-label="Account" className="flex items-center gap-2">
        <NavLink to="/sign-in" className={buttonStyles({ variant: "quiet" })}>
          Sign in
        </NavLink>
        <NavLink to="/sign-up" className={buttonStyles({ variant: "secondary" })}>
          Sign up
        </NavLink>
      </nav>
    );
  }

  const signOutFailed = signOut.isError && serverErrorCode(signOut.error) !== "UNAUTHENTICATED";
  return (
    <nav aria-label="Account" className="flex items-center gap-2">
      {signOutFailed ? (
        <span role="alert" className="hidden text-sm text-red-700 sm:inline">
          Couldn't sign out. Try again.
        </span>
      ) : null}
      <Link to="/account" className={classNames(buttonStyles({ variant: "quiet" }), "max-w-48")}>
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5 shrink-0 text-accent-700">
          <path
            fillRule="evenodd"
            d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-5.5-2.5a2.5 2.5 0 1 1-5 0 2.5 2.5 0 0 1 5 0ZM10 12a5.99 5.99 0 0 0-4.793 2.39A6.483 6.483 0 0 0 10 16.5a6.483 6.483 0 0 0 4.793-2.11A5.99 5.99 0 0 0 10 12Z"
            clipRule="evenodd"
          />
        </svg>
        <span className="truncate">{user.username}</span>
      </Link>
      <Button variant="secondary" onPress={() => signOut.mutate()} isPending={signOut.isPending} pendingLabel="Signing out…">
        Sign out
      </Button>
    </nav>
  );
}
