import { Link, Outlet, ScrollRestoration } from "react-router";
import { classNames } from "../lib/class-names.js";
import { AccountNav } from "./account-nav.js";
import { LogoMark } from "./logo-mark.js";
import { MainNav } from "./main-nav.js";

const focusRing = "outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600";

/** The frame around every page: header with the product name and the account corner, content, footer. */
export function AppLayout() {
  return (
    <div className="flex min-h-dvh flex-col">
      {/* Lets keyboard users jump past the header straight to the page's content. */}
      <a
        href="#main"
        className={classNames(
          "sr-only rounded-lg bg-white px-4 py-2 text-sm font-medium text-accent-800 shadow focus:not-sr-only focus:absolute focus:top-3 focus:left-3 focus:z-50",
          focusRing,
        )}
      >
        Skip to content
      </a>
      <header className="border-b border-stone-200 bg-white/80 backdrop-blur supports-backdrop-filter:bg-white/70">
        {/* On narrow screens the sections wrap onto a second row under the logo and the account corner. */}
        <div className="mx-auto flex min-h-16 w-full max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:flex-nowrap sm:px-6">
          <Link to="/" className={classNames("order-1 flex items-center gap-2.5 rounded-lg", focusRing)}>
            <LogoMark />
            <span className="text-lg font-semibold tracking-tight text-stone-900">Bookable</span>
          </Link>
          <div className="order-3 w-full sm:order-2 sm:mr-auto sm:w-auto">
            <MainNav />
          </div>
          <div className="order-2 sm:order-3">
            <AccountNav />
          </div>
        </div>
      </header>

      <main id="main" tabIndex={-1} className="flex-1 outline-none">
        <Outlet />
      </main>

      <footer className="border-t border-stone-200">
        <div className="mx-auto flex w-full max-w-5xl flex-col gap-2 px-4 py-8 text-sm text-stone-500 sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <p>
            <span className="font-medium text-stone-700">Bookable</span> — open-source booking for rooms, equipment and
            appointments.
          </p>
          <p className="flex items-center gap-3">
            <span>MIT licensed · Run it yourself</span>
            {/* Where locally "sent" emails (verification, password reset) can be read during development. */}
            <Link
              to="/dev/mailbox"
              className={classNames("rounded-sm underline-offset-4 hover:text-stone-700 hover:underline", focusRing)}
            >
              Mailbox
            </Link>
          </p>
        </div>
      </footer>
      <ScrollRestoration />
    </div>
  );
}
