import { type ApiKeyOutput, createApiKeyInput } from "@bookable/validators";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useForm } from "react-hook-form";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Alert } from "./alert.js";
import { Button } from "./button.js";
import { Card } from "./card.js";
import { CopyButton } from "./copy-button.js";
import { Form } from "./form.js";
import { FormTextField } from "./form-text-field.js";
import { LoadingState } from "./loading-state.js";
import { RelativeTime } from "./relative-time.js";
import { ServerErrorAlert } from "./server-error-alert.js";
import { TextField } from "./text-field.js";

interface CreatedKey {
  id: string;
  name: string;
  secret: string;
}

/** Moves focus to the new key's panel, so keyboard and screen-reader users land on the secret. */
function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

export interface ApiKeysCardProps {
  /** Only an account with a confirmed email may create keys; others are told why instead of shown a form. */
  emailVerified: boolean;
}

/**
 * Personal API keys for REST clients. The server stores only a hash, so a new key's secret is shown
 * once, right after creation, with a way to copy it; the list shows each key's prefix to tell them apart.
 * Revoking asks for confirmation first, because whatever uses the key stops working at once.
 */
export function ApiKeysCard({ emailVerified }: ApiKeysCardProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiKeys = useQuery(trpc.apiKeys.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter());
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);

  const form = useForm({
    resolver: zodResolver(createApiKeyInput),
    defaultValues: { name: "" },
    mode: "onTouched",
  });
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess({ apiKey, key }) {
        setCreated({ id: apiKey.id, name: apiKey.name, secret: key });
        form.reset();
      },
      onError(error) {
        const nameIssue = readServerError(error).issues.find((issue) => issue.path === "name");
        if (nameIssue) form.setError("name", { type: "server", message: nameIssue.message }, { shouldFocus: true });
      },
      onSettled: refresh,
    }),
  );
  const remove = useMutation(
    trpc.apiKeys.delete.mutationOptions({
      onSuccess(_data, { id }) {
        setConfirmingId(null);
        // The secret of a revoked key is useless; showing it on would only confuse.
        setCreated((current) => (current?.id === id ? null : current));
      },
      onSettled: refresh,
    }),
  );

  const createError = create.isError ? readServerError(create.error) : null;
  // The address may have been unconfirmed elsewhere since the page loaded; the notice explains it better.
  const mustConfirmEmail = !emailVerified || createError?.code === "EMAIL_NOT_VERIFIED";
  const createAlert =
    createError && !mustConfirmEmail && !createError.issues.some((issue) => issue.path === "name") ? createError : null;

  let list: ReactNode;
  if (apiKeys.isPending) {
    list = <LoadingState label="Loading your API keys…" />;
  } else if (apiKeys.isError) {
    list = (
      <ServerErrorAlert
        title="We couldn't load your API keys"
        error={readServerError(apiKeys.error)}
        onRetry={() => void apiKeys.refetch()}
      />
    );
  } else if (apiKeys.data.items.length === 0) {
    list = <p className="text-sm text-stone-500">No API keys yet.</p>;
  } else {
    list = (
      <ul className="-my-3 divide-y divide-stone-200" aria-label="Your API keys">
        {apiKeys.data.items.map((apiKey) => (
          <ApiKeyRow
            key={apiKey.id}
            apiKey={apiKey}
            confirming={confirmingId === apiKey.id}
            revoking={remove.isPending && remove.variables?.id === apiKey.id}
            onAskToRevoke={() => setConfirmingId(apiKey.id)}
            onCancel={() => setConfirmingId(null)}
            onRevoke={() => remove.mutate({ id: apiKey.id })}
          />
        ))}
      </ul>
    );
  }

  return (
    <Card
      title="API keys"
      description={
        <>
          Let your own scripts and apps use Bookable's REST API as you. Send a key as{" "}
          <code className="font-mono text-xs text-stone-800">Authorization: Bearer &lt;key&gt;</code>.
        </>
      }
    >
      <div className="flex flex-col gap-6">
        {created ? (
          <section
            ref={focusOnMount}
            tabIndex={-1}
            aria-labelledby="new-api-key-heading"
            className="flex flex-col gap-4 rounded-xl border border-amber-200 bg-amber-50 p-4 outline-none"
          >
            <div>
              <h3 id="new-api-key-heading" className="font-semibold text-amber-950">
                Copy your new key “{created.name}” now
              </h3>
              <p className="mt-1 text-sm text-amber-900">
                You won't see it again: we keep only a fingerprint of it. If you lose it, revoke it and create another.
              </p>
            </div>
            <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
              <TextField
                label="New API key"
                value={created.secret}
                isReadOnly
                spellCheck="false"
                className="flex-1 font-mono"
                onFocus={(event) => event.target.select()}
              />
              <CopyButton text={created.secret} aria-label="Copy key to clipboard" />
            </div>
            <div>
              <Button variant="quiet" onPress={() => setCreated(null)}>
                I've saved it
              </Button>
            </div>
          </section>
        ) : null}

        {mustConfirmEmail ? (
          <Alert title="Confirm your email to create API keys">
            <p>
              A key keeps working until you revoke it, so only an account with a confirmed address can create one. Use the link we
              emailed you, or send a new one from your profile above.
            </p>
          </Alert>
        ) : (
          <Form onSubmit={form.handleSubmit((values) => create.mutate(values))} className="sm:flex-row sm:items-start">
            <FormTextField
              control={form.control}
              name="name"
              label="Key name"
              description="What it is for, e.g. “Kiosk in the lobby”."
              className="flex-1"
              isRequired
            />
            {/* Lines up with the input, below the label. */}
            <Button type="submit" className="sm:mt-7" isPending={create.isPending} pendingLabel="Creating…">
              Create key
            </Button>
          </Form>
        )}
        {createAlert ? <ServerErrorAlert title="We couldn't create the key" error={createAlert} /> : null}
        {remove.isError ? <ServerErrorAlert title="We couldn't revoke the key" error={readServerError(remove.error)} /> : null}

        <div className="border-t border-stone-200 pt-6">{list}</div>
      </div>
    </Card>
  );
}

interface ApiKeyRowProps {
  apiKey: ApiKeyOutput;
  confirming: boolean;
  revoking: boolean;
  onAskToRevoke: () => void;
  onCancel: () => void;
  onRevoke: () => void;
}

function ApiKeyRow({ apiKey, confirming, revoking, onAskToRevoke, onCancel, onRevoke }: ApiKeyRowProps) {
  return (
    <li className="flex flex-col gap-3 py-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium break-all text-stone-900">{apiKey.name}</span>
            <code className="rounded bg-stone-100 px-1.5 py-0.5 font-mono text-xs text-stone-700">{apiKey.prefix}…</code>
          </p>
          <p className="mt-0.5 text-sm text-stone-500">
            Created <RelativeTime value={apiKey.createdAt} /> · Last used{" "}
            {apiKey.lastUsedAt ? <RelativeTime value={apiKey.lastUsedAt} /> : "Never"}
          </p>
        </div>
        {confirming ? null : (
          <Button variant="secondary" aria-label={`Revoke ${apiKey.name}`} onPress={onAskToRevoke}>
            Revoke
          </Button>
        )}
      </div>
      {confirming ? (
        <div className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 sm:flex-row sm:items-center">
          <p className="flex-1">Revoke “{apiKey.name}”? Anything using it stops working at once. This cannot be undone.</p>
          <div className="flex gap-2">
            {/* Focus moves here, since the "Revoke" button that was pressed is gone. */}
            <Button variant="danger" autoFocus onPress={onRevoke} isPending={revoking} pendingLabel="Revoking…">
              Revoke key
            </Button>
            <Button variant="secondary" onPress={onCancel} isDisabled={revoking}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}
