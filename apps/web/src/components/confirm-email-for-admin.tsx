import type { UserOutput } from "@bookable/validators";
import { ButtonLink } from "./button-link.js";
import { Card } from "./card.js";
import { NarrowPage } from "./narrow-page.js";
import { ResendConfirmation } from "./resend-confirmation.js";

export interface ConfirmEmailForAdminProps {
  user: UserOutput;
}

/**
 * An admin page seen by an account whose address is not confirmed yet. The server gives the admin role
 * (ADMIN_EMAILS) only to a confirmed address, so a bare "Not allowed" would hide the one step left;
 * this says to confirm, and offers a new link. The viewer is read again when the tab regains focus.
 */
export function ConfirmEmailForAdmin({ user }: ConfirmEmailForAdminProps) {
  return (
    <NarrowPage>
      <title>Confirm your email · Bookable</title>
      <Card
        title="Confirm your email address first"
        headingLevel={1}
        description="Administrator pages open only for a confirmed address."
      >
        <div className="flex flex-col items-start gap-4 text-sm">
          <p className="text-stone-700">
            Open the link we emailed to <span className="break-all font-medium text-stone-900">{user.email}</span>. If the address
            is an administrator's, this page opens once it is confirmed.
          </p>
          <ResendConfirmation />
          <ButtonLink to="/resources" variant="secondary">
            Browse resources
          </ButtonLink>
        </div>
      </Card>
    </NarrowPage>
  );
}
