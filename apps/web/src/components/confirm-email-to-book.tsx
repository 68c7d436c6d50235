import type { UserOutput } from "@bookable/validators";
import { Card } from "./card.js";
import { ResendConfirmation } from "./resend-confirmation.js";

export interface ConfirmEmailToBookProps {
  user: UserOutput;
}

/**
 * In place of the booking form while the account's address is unconfirmed: the server refuses such bookings
 * (EMAIL_NOT_VERIFIED, so nobody can make Bookable write to strangers), so the page says why up front and
 * offers a new confirmation link. Once the link is opened, the viewer is read again when the tab regains focus
 * and the form appears.
 */
export function ConfirmEmailToBook({ user }: ConfirmEmailToBookProps) {
  return (
    <Card
      title="Confirm your email to book"
      description="Bookings send messages to the people they are for, so we need to know your address is yours."
    >
      <div className="flex flex-col items-start gap-4 text-sm">
        <p className="text-stone-700">
          Open the link we emailed to <span className="break-all font-medium text-stone-900">{user.email}</span>, then come back
          here to book.
        </p>
        <ResendConfirmation />
      </div>
    </Card>
  );
}
