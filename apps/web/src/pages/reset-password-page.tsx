import { registerInput } from "@bookable/validators";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useSearchParams } from "react-router";
import { z } from "zod";
import { Alert } from "../components/alert.js";
import { Button } from "../components/button.js";
import { ButtonLink } from "../components/button-link.js";
import { Card } from "../components/card.js";
import { Form } from "../components/form.js";
import { FormTextField } from "../components/form-text-field.js";
import { NarrowPage } from "../components/narrow-page.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { TextLink } from "../components/text-link.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";

// The same rules as at registration, so a new password is never weaker than a first one.
const newPasswordForm = z.object({ password: registerInput.shape.password });

/**
 * Sets a new password with the token from the emailed link (`?token=…`). A used, expired or broken
 * link is reported in an alert with the way to ask for a new one; the password rules beside the field.
 */
export function ResetPasswordPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const token = searchParams.get("token")?.trim() ?? "";

  const form = useForm({
    resolver: zodResolver(newPasswordForm),
    defaultValues: { password: "" },
    mode: "onTouched",
  });
  const reset = useMutation(
    trpc.auth.resetPassword.mutationOptions({
      onSuccess() {
        // The server ended every session of the account; if it was this browser's, the header must say so.
        void queryClient.invalidateQueries();
      },
      onError(error) {
        const passwordIssue = readServerError(error).issues.find((issue) => issue.path === "password");
        if (passwordIssue) form.setError("password", { type: "server", message: passwordIssue.message }, { shouldFocus: true });
      },
    }),
  );

  if (!token) {
    return (
      <NarrowPage>
        <title>Reset your password · Bookable</title>
        <Card title="This link is incomplete" headingLevel={1}>
          <p className="text-stone-600">
            The address has no reset token. Open the link from the email exactly as it was sent, or ask for a new one.
          </p>
          <ButtonLink to="/forgot-password" className="mt-6">
            Ask for a new link
          </ButtonLink>
        </Card>
      </NarrowPage>
    );
  }

  if (reset.isSuccess) {
    return (
      <NarrowPage>
        <title>Password changed · Bookable</title>
        <Card title="Your password is changed" headingLevel={1}>
          <Alert tone="success" title="Done">
            <p>{reset.data.message}</p>
          </Alert>
          <ButtonLink to="/sign-in" className="mt-6" fullWidth>
            Sign in
          </ButtonLink>
        </Card>
      </NarrowPage>
    );
  }

  const serverError = reset.isError ? readServerError(reset.error) : null;
  const tokenIssue = serverError?.issues.find((issue) => issue.path === "token");
  const onlyPasswordIssues =
    serverError !== null && serverError.issues.length > 0 && serverError.issues.every((issue) => issue.path === "password");

  return (
    <NarrowPage>
      <title>Set a new password · Bookable</title>
      <div className="mb-8 text-center">
        <h1 className="text-3xl font-semibold tracking-tight text-stone-900">Set a new password</h1>
        <p className="mt-2 text-stone-600">Choose a new password. You'll be signed out on every device.</p>
      </div>
      <Card>
        <Form onSubmit={form.handleSubmit(({ password }) => reset.mutate({ token, password }))}>
          {tokenIssue ? (
            <Alert tone="error" title="This link cannot be used">
              <p>{tokenIssue.message}.</p>
              <p className="mt-1">
                <TextLink to="/forgot-password">Ask for a new link</TextLink>
              </p>
            </Alert>
          ) : serverError && !onlyPasswordIssues ? (
            <ServerErrorAlert title="We couldn't change your password" error={serverError} />
          ) : null}
          <FormTextField
            control={form.control}
            name="password"
            label="New password"
            type="password"
            description="At least 8 characters."
            autoComplete="new-password"
            isRequired
          />
          <Button type="submit" size="large" fullWidth isPending={reset.isPending} pendingLabel="Saving…">
            Set new password
          </Button>
        </Form>
      </Card>
    </NarrowPage>
  );
}
