import type { UserOutput } from "@bookable/validators";
import type { ReactNode } from "react";
import { ButtonLink } from "./button-link.js";
import { Card } from "./card.js";
import { ConfirmEmailForAdmin } from "./confirm-email-for-admin.js";
import { NarrowPage } from "./narrow-page.js";
import { SignedInOnly } from "./signed-in-only.js";

export interface AdminOnlyProps {
  title: string;
  children: (user: UserOutput) => ReactNode;
}

/**
 * A page for admins. Visitors sign in first; an unconfirmed address is told to confirm it (the admin role
 * follows a confirmed address); other members get a plain "Not allowed". The server checks
 * the role on every call anyway; this only spares a member a page of errors.
 */
export function AdminOnly({ title, children }: AdminOnlyProps) {
  return (
    <SignedInOnly title={title}>
      {(user) =>
        user.role === "admin" ? (
          children(user)
        ) : !user.emailVerified ? (
          <ConfirmEmailForAdmin user={user} />
        ) : (
          <NarrowPage>
            <title>Not allowed · Bookable</title>
            <Card title="Not allowed" headingLevel={1}>
              <p className="text-sm text-stone-600">
                This page is for administrators. Your account can book, but not manage resources.
              </p>
              <ButtonLink to="/resources" variant="secondary" className="mt-6">
                Browse resources
              </ButtonLink>
            </Card>
          </NarrowPage>
        )
      }
    </SignedInOnly>
  );
}
