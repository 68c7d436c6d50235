import { NavLink } from "react-router";
import { classNames } from "../lib/class-names.js";

const linkStyles = ({ isActive }: { isActive: boolean }) =>
  classNames(
    "-mb-px border-b-2 px-4 py-2.5 text-sm font-medium transition-colors outline-none",
    "focus-visible:rounded-t-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600",
    isActive ? "border-accent-700 text-accent-800" : "border-transparent text-stone-600 hover:text-stone-900",
  );

/** The admin pages' sections. */
export function AdminNav() {
  return (
    <nav aria-label="Admin" className="mb-8 flex border-b border-stone-200">
      <NavLink to="/admin/resources" className={linkStyles}>
        Resources
      </NavLink>
      <NavLink to="/admin/bookings" className={linkStyles}>
        Bookings
      </NavLink>
      <NavLink to="/admin/notifications" className={linkStyles}>
        Delivery log
      </NavLink>
      <NavLink to="/admin/webhooks" className={linkStyles}>
        Webhooks
      </NavLink>
    </nav>
  );
}
