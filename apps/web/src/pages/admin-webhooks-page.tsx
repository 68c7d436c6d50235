import { AdminNav } from "../components/admin-nav.js";
import { AdminOnly } from "../components/admin-only.js";
import { PageHeading } from "../components/page-heading.js";
import { TextLink } from "../components/text-link.js";
import { WebhookEndpointsManager } from "../components/webhook-endpoints-manager.js";
import { WidePage } from "../components/wide-page.js";

/** Outgoing webhooks (issue 16) for admins: every endpoint; theirs hear every booking. */
export function AdminWebhooksPage() {
  return (
    <AdminOnly title="Webhooks">
      {() => (
        <WidePage>
          <title>Webhooks · Admin · Bookable</title>
          <PageHeading
            title="Admin"
            description={
              <>
                Webhooks tell your systems when bookings change, signed as{" "}
                <TextLink to="https://www.standardwebhooks.com/">Standard Webhooks</TextLink> specify. Times are in your time
                zone.
              </>
            }
          />
          <AdminNav />
          <WebhookEndpointsManager viewerIsAdmin />
        </WidePage>
      )}
    </AdminOnly>
  );
}
