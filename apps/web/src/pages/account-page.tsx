import { Navigate, useLocation } from "react-router";
import { ApiKeysCard } from "../components/api-keys-card.js";
import { ButtonLink } from "../components/button-link.js";
import { CalendarFeedCard } from "../components/calendar-feed-card.js";
import { Card } from "../components/card.js";
import { DevicesCard } from "../components/devices-card.js";
import { EmailDeliveryCard } from "../components/email-delivery-card.js";
import { LoadingState } from "../components/loading-state.js";
import { ProfileCard } from "../components/profile-card.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { readServerError } from "../lib/read-server-error.js";
import { useViewer } from "../lib/use-viewer.js";

/**
 * The signed-in person's own page: profile, whether their email reaches them, their calendar feed, signed-in devices and API
 * keys. A visitor who is not signed in is sent to sign in and brought back here afterwards.
 */
export function AccountPage() {
  const viewer = useViewer();
  const location = useLocation();

  if (viewer.isPending) {
    return (
      <div className="mx-auto w-full max-w-3xl px-4 py-12 sm:px-6">
        <title>Your account · Bookable</title>
        <LoadingState label="Loading your account…" />
      </div>
    );
  }
  if (viewer.isError) {
    return (
      <div className="mx-auto w-full max-w-3xl px-4 py-12 sm:px-6">
        <title>Your account · Bookable</title>
        <ServerErrorAlert
          title="We couldn't load your account"
          error={readServerError(viewer.error)}
          onRetry={() => void viewer.refetch()}
        />
      </div>
    );
  }
  const user = viewer.data.user;
  if (!user) {
    // "/" stays readable in the query string ("?next=/account"); everything else is encoded.
    const next = encodeURIComponent(`${location.pathname}${location.search}`).replaceAll("%2F", "/");
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-12 sm:px-6 sm:py-16">
      <title>Your account · Bookable</title>
      <h1 className="text-3xl font-semibold tracking-tight text-stone-900">Your account</h1>
      <p className="mt-2 text-stone-600">Signed in as {user.username}.</p>
      <div className="mt-8 flex flex-col gap-6">
        <ProfileCard user={user} />
        <EmailDeliveryCard />
        <CalendarFeedCard />
        <DevicesCard />
        <ApiKeysCard emailVerified={user.emailVerified} />
        <Card
          title="Webhooks"
          description="Have your bookings sent to your own systems as they change, signed so you can verify them."
        >
          <ButtonLink to="/account/webhooks" variant="secondary">
            Manage webhooks
          </ButtonLink>
        </Card>
      </div>
    </div>
  );
}
