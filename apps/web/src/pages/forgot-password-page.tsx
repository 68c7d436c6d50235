import { requestPasswordResetInput } from "@bookable/validators";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { Alert } from "../components/alert.js";
import { Button } from "../components/button.js";
import { Card } from "../components/card.js";
import { Form } from "../components/form.js";
import { FormTextField } from "../components/form-text-field.js";
import { NarrowPage } from "../components/narrow-page.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { TextLink } from "../components/text-link.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";

/**
 * Asks for a password reset link. The server answers the same whether or not the email has an
 * account (so nobody can probe for accounts), and the page shows that answer as it is.
 */
export function ForgotPasswordPage() {
  const trpc = useTRPC();
  const form = useForm({
    resolver: zodResolver(requestPasswordResetInput),
    defaultValues: { email: "" },
    mode: "onTouched",
  });
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const serverError = request.isError ? readServerError(request.error) : null;

  return (
    <NarrowPage>
      <title>Reset your password · Bookable</title>
      <div className="mb-8 text-center">
        <h1 className="text-3xl font-semibold tracking-tight text-stone-900">Reset your password</h1>
        <p className="mt-2 text-stone-600">Tell us your email and we'll send you a link to set a new password.</p>
      </div>
      <Card>
        {request.isSuccess ? (
          <div className="flex flex-col gap-5">
            <Alert tone="success" title="Check your email">
              <p>{request.data.message}</p>
            </Alert>
            <Button variant="secondary" onPress={() => request.reset()}>
              Send to another address
            </Button>
          </div>
        ) : (
          <Form onSubmit={form.handleSubmit((values) => request.mutate(values))}>
            {serverError ? <ServerErrorAlert title="We couldn't send the link" error={serverError} /> : null}
            <FormTextField control={form.control} name="email" label="Email" type="email" autoComplete="email" isRequired />
            <Button type="submit" size="large" fullWidth isPending={request.isPending} pendingLabel="Sending…">
              Send reset link
            </Button>
          </Form>
        )}
      </Card>
      <p className="mt-6 text-center text-sm text-stone-600">
        Remembered it? <TextLink to="/sign-in">Back to sign in</TextLink>
      </p>
    </NarrowPage>
  );
}
