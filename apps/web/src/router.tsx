import { createBrowserRouter, Navigate } from "react-router";
import { AppLayout } from "./components/app-layout.js";
import { LoadingState } from "./components/loading-state.js";
import { WidePage } from "./components/wide-page.js";
import { HomePage } from "./pages/home-page.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { RouteErrorPage } from "./pages/route-error-page.js";

/**
 * Every page of the app. Routing happens in the browser, so the server must answer unknown non-API
 * paths with index.html for a reload or a shared link to land on the right page.
 */
export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    // Last resort if the layout itself fails.
    errorElement: <RouteErrorPage />,
    children: [
      {
        // A page that fails keeps the header and footer, so the way home stays visible.
        errorElement: <RouteErrorPage />,
        // Shown inside the layout while the first page's code loads (every page but home is lazy); without
        // it react-router renders nothing there and warns "No `HydrateFallback` element provided".
        hydrateFallbackElement: (
          <WidePage>
            <LoadingState label="Loading…" />
          </WidePage>
        ),
        children: [
          { index: true, element: <HomePage /> },
          {
            path: "sign-up",
            // Loaded on demand: the form stack (Zod, react-hook-form, react-aria's fields) is most
            // of the bundle, and the home page should not wait for it.
            lazy: async () => ({ Component: (await import("./pages/sign-up-page.js")).SignUpPage }),
          },
          // The other pages load on demand too, for the same reason: the home page stays small.
          {
            path: "sign-in",
            lazy: async () => ({ Component: (await import("./pages/sign-in-page.js")).SignInPage }),
          },
          {
            path: "forgot-password",
            lazy: async () => ({ Component: (await import("./pages/forgot-password-page.js")).ForgotPasswordPage }),
          },
          {
            path: "reset-password",
            lazy: async () => ({ Component: (await import("./pages/reset-password-page.js")).ResetPasswordPage }),
          },
          {
            path: "verify-email",
            lazy: async () => ({ Component: (await import("./pages/verify-email-page.js")).VerifyEmailPage }),
          },
          {
            path: "account",
            lazy: async () => ({ Component: (await import("./pages/account-page.js")).AccountPage }),
          },
          {
            path: "resources",
            lazy: async () => ({ Component: (await import("./pages/resources-page.js")).ResourcesPage }),
          },
          {
            path: "resources/:id",
            lazy: async () => ({ Component: (await import("./pages/resource-page.js")).ResourcePage }),
          },
          {
            path: "bookings",
            lazy: async () => ({ Component: (await import("./pages/bookings-page.js")).BookingsPage }),
          },
          {
            path: "bookings/:id",
            lazy: async () => ({ Component: (await import("./pages/booking-page.js")).BookingPage }),
          },
          // The header's "Admin" link lands on the resources, the admin pages' first section.
          { path: "admin", element: <Navigate to="/admin/resources" replace /> },
          {
            path: "admin/resources",
            lazy: async () => ({ Component: (await import("./pages/admin-resources-page.js")).AdminResourcesPage }),
          },
          {
            path: "admin/resources/new",
            lazy: async () => ({ Component: (await import("./pages/admin-new-resource-page.js")).AdminNewResourcePage }),
          },
          {
            path: "admin/resources/:id/edit",
            lazy: async () => ({ Component: (await import("./pages/admin-edit-resource-page.js")).AdminEditResourcePage }),
          },
          {
            path: "admin/bookings",
            lazy: async () => ({ Component: (await import("./pages/admin-bookings-page.js")).AdminBookingsPage }),
          },
          {
            path: "admin/notifications",
            lazy: async () => ({ Component: (await import("./pages/admin-notifications-page.js")).AdminNotificationsPage }),
          },
          {
            path: "account/webhooks",
            lazy: async () => ({ Component: (await import("./pages/webhooks-page.js")).WebhooksPage }),
          },
          {
            path: "admin/webhooks",
            lazy: async () => ({ Component: (await import("./pages/admin-webhooks-page.js")).AdminWebhooksPage }),
          },
          {
            path: "dev/mailbox",
            lazy: async () => ({ Component: (await import("./pages/dev-mailbox-page.js")).DevMailboxPage }),
          },
          {
            path: "dev/checkout/:sessionId",
            lazy: async () => ({ Component: (await import("./pages/local-checkout-page.js")).LocalCheckoutPage }),
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
