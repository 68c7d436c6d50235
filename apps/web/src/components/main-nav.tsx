import { NavLink } from "react-router";
import { classNames } from "../lib/class-names.js";
import { useViewer } from "../lib/use-viewer.js";

const linkStyles = ({ isActive }: { isActive: boolean }) =>
  classNames(
    "inline-flex h-9 items-center rounded-lg px-3 text-sm font-medium whitespace-nowrap transition-colors",
    "outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600",
    isActive ? "bg-accent-50 text-accent-800" : "text-stone-700 hover:bg-stone-200/60 hover:text-stone-900",
  );

/**
 * The header's sections: booking for everyone, one's own bookings once signed in, and the admin pages
 * for admins. NavLink marks the current section with aria-current="page".
 */
export function MainNav() {
  const viewer = useViewer();
  const user = viewer.data?.user;
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      <NavLink to="/resources" className={linkStyles}>
        Book
      </NavLink>
      {user ? (
        <NavLink to="/bookings" className={linkStyles}>
          My bookings
        </NavLink>
      ) : null}
      {user?.role === "admin" ? (
        <NavLink to="/admin" className={linkStyles}>
          Admin
        </NavLink>
      ) : null}
    </nav>
  );
}
