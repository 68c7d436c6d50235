import { createWebhookEndpointInput, type WebhookEndpointWithSecretOutput, webhookEventType } from "@bookable/validators";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Controller, useForm } from "react-hook-form";
import { describeWebhookEvent } from "../lib/describe-webhook-event.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Button } from "./button.js";
import { Card } from "./card.js";
import { Checkbox } from "./checkbox.js";
import { Form } from "./form.js";
import { FormTextAreaField } from "./form-text-area-field.js";
import { FormTextField } from "./form-text-field.js";
import { ServerErrorAlert } from "./server-error-alert.js";

type Field = "url" | "eventTypes" | "description";
const eventTypes = webhookEventType.options;
const fields: readonly Field[] = ["url", "eventTypes", "description"];
const isField = (path: string): path is Field => (fields as readonly string[]).includes(path.split(".")[0] ?? "");

/** Registers an endpoint; the answer's secret goes to `onCreated`, to be shown once. */
export function WebhookEndpointForm({ onCreated }: { onCreated: (created: WebhookEndpointWithSecretOutput) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({
    resolver: zodResolver(createWebhookEndpointInput),
    defaultValues: { url: "", eventTypes: [...eventTypes], description: "" },
    mode: "onTouched",
  });
  const create = useMutation(
    trpc.webhookEndpoints.create.mutationOptions({
      onSuccess(created) {
        onCreated(created);
        form.reset();
      },
      onError(error) {
        for (const issue of readServerError(error).issues) {
          const name = issue.path.split(".")[0];
          if (name && isField(name)) form.setError(name, { type: "server", message: issue.message }, { shouldFocus: true });
        }
      },
      onSettled: () => queryClient.invalidateQueries(trpc.webhookEndpoints.list.queryFilter()),
    }),
  );
  const serverError = create.isError ? readServerError(create.error) : null;
  const showAlert = serverError && !serverError.issues.some((issue) => isField(issue.path));

  return (
    <Card
      title="Add an endpoint"
      description="Bookable POSTs each event you choose to this URL, signed with a secret you get once."
    >
      <Form onSubmit={form.handleSubmit((values) => create.mutate(values))}>
        <FormTextField
          control={form.control}
          name="url"
          label="Endpoint URL"
          description="https:// (plain http only on development servers)."
          type="url"
          isRequired
        />
        <Controller
          control={form.control}
          name="eventTypes"
          render={({ field, fieldState }) => (
            <fieldset aria-describedby={fieldState.error ? "webhook-events-error" : undefined}>
              <legend className="text-sm font-medium text-stone-800">Events</legend>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {eventTypes.map((type) => (
                  <Checkbox
                    key={type}
                    name="eventTypes"
                    value={type}
                    isSelected={field.value.includes(type)}
                    onBlur={field.onBlur}
                    onChange={(selected) =>
                      field.onChange(selected ? [...field.value, type] : field.value.filter((chosen: string) => chosen !== type))
                    }
                  >
                    {describeWebhookEvent(type)} <code className="font-mono text-xs text-stone-500">{type}</code>
                  </Checkbox>
                ))}
              </div>
              {fieldState.error ? (
                <p id="webhook-events-error" className="mt-2 text-sm font-medium text-red-700">
                  {fieldState.error.message}
                </p>
              ) : null}
            </fieldset>
          )}
        />
        <FormTextAreaField
          control={form.control}
          name="description"
          label="Description"
          description="Optional: what it is for."
        />
        {showAlert ? <ServerErrorAlert title="We couldn't add the endpoint" error={serverError} /> : null}
        <div>
          <Button type="submit" isPending={create.isPending} pendingLabel="Adding…">
            Add endpoint
          </Button>
        </div>
      </Form>
    </Card>
  );
}
