/** @jsxRuntime automatic @jsxImportSource react */
import type { EmailTemplate, EmailTemplateData } from "./email-data.js";
import { CallToAction, EmailLayout, Greeting, Paragraph } from "./email-layout.js";
import { oneLine } from "./format.js";

type Data = EmailTemplateData["webhook-endpoint-disabled"];

export function WebhookEndpointDisabled({ username, url, failingSince, lastError, webhooksUrl }: Data) {
  return (
    <EmailLayout
      preview={`Bookable stopped sending events to ${url}: every delivery failed since ${failingSince}.`}
      heading="A webhook endpoint was disabled"
      reason="you registered this webhook endpoint on Bookable."
    >
      <Greeting name={username} />
      <Paragraph>
        Every delivery to your webhook endpoint {url} has failed since {failingSince}, so Bookable disabled it and sends it no
        more events.
      </Paragraph>
      {lastError ? <Paragraph>The last attempt: {lastError}</Paragraph> : null}
      <Paragraph>
        Once the endpoint answers again, enable it on the Webhooks page; the delivery log there shows what failed, and each event
        can be sent again.
      </Paragraph>
      <CallToAction href={webhooksUrl} label="Open the Webhooks page" />
    </EmailLayout>
  );
}

export const webhookEndpointDisabled: EmailTemplate<Data> = {
  subject: (data) => `Webhook endpoint disabled: ${oneLine(data.url)}`,
  element: (data) => <WebhookEndpointDisabled {...data} />,
};
