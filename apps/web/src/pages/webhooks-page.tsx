import { PageHeading } from "../components/page-heading.js";
import { SignedInOnly } from "../components/signed-in-only.js";
import { TextLink } from "../components/text-link.js";
import { WebhookEndpointsManager } from "../components/webhook-endpoints-manager.js";
import { WidePage } from "../components/wide-page.js";

/** A member's own webhook endpoints (issue 16): they hear only about the member's own bookings. */
export function WebhooksPage() {
  return (
    <SignedInOnly title="Webhooks">
      {(user) => (
        <WidePage>
          <title>Webhooks · Bookable</title>
          <PageHeading
            title="Webhooks"
            description={
              <>
                Have your own bookings sent to your systems as they change, signed as{" "}
                <TextLink to="https://www.standardwebhooks.com/">Standard Webhooks</TextLink> specify. Times are in your time
                zone.
              </>
            }
          />
          <WebhookEndpointsManager viewerIsAdmin={user.role === "admin"} />
        </WidePage>
      )}
    </SignedInOnly>
  );
}
