/** @jsxRuntime automatic @jsxImportSource react */
import type { EmailTemplate, EmailTemplateData } from "./email-data.js";
import { CallToAction, EmailLayout, Greeting, Paragraph } from "./email-layout.js";

type Data = EmailTemplateData["verify-email"];

// The lifetime matches ONE_TIME_TOKEN_LIFETIME_MS.verify_email in @bookable/auth.
export function VerifyEmail({ username, link }: Data) {
  return (
    <EmailLayout
      preview="Confirm your email address to finish setting up your Bookable account."
      heading="Confirm your email address"
      reason="someone created a Bookable account with this email address."
    >
      <Greeting name={username} />
      <Paragraph>
        Confirm that this is your email address to finish setting up your Bookable account. The link is valid for 24 hours.
      </Paragraph>
      <CallToAction href={link} label="Confirm email address" />
      <Paragraph>If you did not create a Bookable account, ignore this email.</Paragraph>
    </EmailLayout>
  );
}

export const verifyEmail: EmailTemplate<Data> = {
  subject: () => "Confirm your email address for Bookable",
  element: (data) => <VerifyEmail {...data} />,
};
