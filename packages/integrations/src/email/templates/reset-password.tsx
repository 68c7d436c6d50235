/** @jsxRuntime automatic @jsxImportSource react */
import type { EmailTemplate, EmailTemplateData } from "./email-data.js";
import { CallToAction, EmailLayout, Greeting, Paragraph } from "./email-layout.js";

type Data = EmailTemplateData["reset-password"];

// The lifetime matches ONE_TIME_TOKEN_LIFETIME_MS.reset_password in @bookable/auth.
export function ResetPassword({ username, link }: Data) {
  return (
    <EmailLayout
      preview="Choose a new password for your Bookable account. The link is valid for 1 hour."
      heading="Reset your password"
      reason="someone asked to reset the password of the Bookable account with this email address."
    >
      <Greeting name={username} />
      <Paragraph>
        We received a request to reset the password of your Bookable account. Choose a new one with the link below; it is valid
        for 1 hour and works once.
      </Paragraph>
      <CallToAction href={link} label="Choose a new password" />
      <Paragraph>If you did not ask for this, ignore this email: your password stays as it is.</Paragraph>
    </EmailLayout>
  );
}

export const resetPassword: EmailTemplate<Data> = {
  subject: () => "Reset your Bookable password",
  element: (data) => <ResetPassword {...data} />,
};
