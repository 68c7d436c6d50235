import { type RegisterInput, registerInput } from "@bookable/validators";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
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
import { useSwitchViewer } from "../lib/use-switch-viewer.js";

type RegisterField = keyof RegisterInput;

/** Whether a server issue's path names one of this form's fields, so it can be shown beside it. */
function isRegisterField(path: string): path is RegisterField {
  return Object.hasOwn(registerInput.shape, path);
}

/** Moves focus to the confirmation so keyboard and screen-reader users land on the outcome. */
function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

/**
 * Account creation. The form validates with the very schema the server uses (`registerInput`), so
 * a person sees the same rules before and after submitting; what only the server can know (a taken
 * username or email) comes back as field issues and is shown beside the field it concerns.
 * Registering does not sign in, so the page signs in with the same credentials straight afterwards.
 */
export function SignUpPage() {
  const trpc = useTRPC();
  const switchViewer = useSwitchViewer();
  const form = useForm({
    resolver: zodResolver(registerInput),
    defaultValues: { username: "", email: "", password: "" },
    // Not on every keystroke from the start: a half-typed email is not yet an error.
    mode: "onTouched",
  });

  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess({ user }) {
        switchViewer(user);
      },
    }),
  );

  const registration = useMutation(
    trpc.users.register.mutationOptions({
      onSuccess(_data, { email, password }) {
        signIn.mutate({ email, password });
      },
      onError(error) {
        let focusedFirst = false;
        for (const issue of readServerError(error).issues) {
          if (!isRegisterField(issue.path)) continue;
          // Focus the first field the server rejected, so the person lands on what to fix.
          form.setError(issue.path, { type: "server", message: issue.message }, { shouldFocus: !focusedFirst });
          focusedFirst = true;
        }
      },
    }),
  );

  // The welcome waits for the automatic sign-in, so leaving the page cannot cut it off half-way.
  if (registration.isSuccess && (signIn.isSuccess || signIn.isError)) {
    const { user } = registration.data;
    return (
      <NarrowPage>
        <title>Welcome · Bookable</title>
        <Card role="status" className="text-center">
          <div className="mx-auto mb-4 flex size-12 items-center justify-center rounded-full bg-accent-100 text-accent-700">
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-6">
              <path
                fillRule="evenodd"
                d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
                clipRule="evenodd"
              />
            </svg>
          </div>
          <h1 ref={focusOnMount} tabIndex={-1} className="text-2xl font-semibold tracking-tight outline-none">
            Welcome, {user.username}
          </h1>
          <p className="mt-2 text-stone-600">
            Your account is ready. We've emailed a confirmation link to{" "}
            <span className="font-medium text-stone-900">{user.email}</span>; open it to confirm your address.
          </p>
          {signIn.isError ? (
            // Not an Alert: this card is already the page's one live region, and the account does exist.
            <p className="mt-4 text-sm text-red-700">
              We couldn't sign you in automatically: {readServerError(signIn.error).message}{" "}
              <TextLink to="/sign-in">Sign in</TextLink>
            </p>
          ) : null}
          <div className="mt-6 flex flex-col justify-center gap-3 sm:flex-row">
            {signIn.isSuccess ? <ButtonLink to="/account">Go to your account</ButtonLink> : null}
            <ButtonLink to="/" variant="secondary">
              Back to home
            </ButtonLink>
          </div>
        </Card>
      </NarrowPage>
    );
  }

  const serverError = registration.isError ? readServerError(registration.error) : null;
  const otherIssues = serverError?.issues.filter((issue) => !isRegisterField(issue.path)) ?? [];
  // Errors that belong to a field are shown there; the alert is for everything else.
  const showAlert = serverError !== null && (serverError.issues.length === otherIssues.length || otherIssues.length > 0);

  return (
    <NarrowPage>
      <title>Sign up · Bookable</title>
      <div className="mb-8 text-center">
        <h1 className="text-3xl font-semibold tracking-tight text-stone-900">Create your account</h1>
        <p className="mt-2 text-stone-600">Book rooms, equipment and appointments in a few clicks.</p>
      </div>
      <Card>
        <Form onSubmit={form.handleSubmit((values) => registration.mutate(values))}>
          {showAlert ? (
            <ServerErrorAlert title="We couldn't create your account" error={serverError}>
              {otherIssues.length > 0 ? (
                <ul className="mt-1 list-disc pl-5">
                  {otherIssues.map((issue) => (
                    <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
                  ))}
                </ul>
              ) : null}
            </ServerErrorAlert>
          ) : null}

          <FormTextField
            control={form.control}
            name="username"
            label="Username"
            description="3–32 characters: lowercase letters, digits, _ and -."
            autoComplete="username"
            autoCapitalize="none"
            spellCheck="false"
            isRequired
          />
          <FormTextField control={form.control} name="email" label="Email" type="email" autoComplete="email" isRequired />
          <FormTextField
            control={form.control}
            name="password"
            label="Password"
            type="password"
            description="At least 8 characters."
            autoComplete="new-password"
            isRequired
          />

          <Button
            type="submit"
            size="large"
            fullWidth
            isPending={registration.isPending || signIn.isPending}
            pendingLabel="Creating account…"
          >
            Create account
          </Button>
        </Form>
      </Card>
      <p className="mt-6 text-center text-sm text-stone-600">
        Already have an account? <TextLink to="/sign-in">Sign in</TextLink>
      </p>
    </NarrowPage>
  );
}
