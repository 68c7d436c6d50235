import { signInInput } from "@bookable/validators";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { Alert } from "../components/alert.js";
import { Button } from "../components/button.js";
import { buttonStyles } from "../components/button-styles.js";
import { Card } from "../components/card.js";
import { Form } from "../components/form.js";
import { FormTextField } from "../components/form-text-field.js";
import { NarrowPage } from "../components/narrow-page.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { TextLink } from "../components/text-link.js";
import { readServerError } from "../lib/read-server-error.js";
import { safeNextPath } from "../lib/safe-next-path.js";
import { useTRPC } from "../lib/trpc.js";
import { useSwitchViewer } from "../lib/use-switch-viewer.js";
import { useViewer } from "../lib/use-viewer.js";

/**
 * Sign-in with email and password, or with a configured OAuth provider. The form validates with the
 * server's own `signInInput`. After an OAuth failure the server sends the browser back here with
 * `?error=<code>&message=<text>`, which is shown above the form.
 */
export function SignInPage() {
  const trpc = useTRPC();
  const viewer = useViewer();
  const switchViewer = useSwitchViewer();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const destination = safeNextPath(searchParams.get("next"));
  const providers = useQuery(trpc.auth.providers.queryOptions());

  const form = useForm({
    resolver: zodResolver(signInInput),
    defaultValues: { email: "", password: "" },
    mode: "onTouched",
  });

  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      async onSuccess({ user }) {
        switchViewer(user);
        await navigate(destination, { replace: true });
      },
      onError() {
        // Keep the email, clear the password: the usual next step is to retype it.
        form.resetField("password");
      },
    }),
  );

  // Only before this page's own sign-in: afterwards onSuccess decides where to go (the `next` path).
  if (viewer.data?.user && signIn.isIdle) {
    return <Navigate to={destination} replace />;
  }

  const serverError = signIn.isError ? readServerError(signIn.error) : null;
  const oauthError = searchParams.get("error");
  const oauthMessage = searchParams.get("message");
  const providerList = providers.data?.providers ?? [];

  return (
    <NarrowPage>
      <title>Sign in · Bookable</title>
      <div className="mb-8 text-center">
        <h1 className="text-3xl font-semibold tracking-tight text-stone-900">Sign in to Bookable</h1>
        <p className="mt-2 text-stone-600">Welcome back. Your bookings are waiting.</p>
      </div>
      <Card>
        <div className="flex flex-col gap-5">
          {oauthError && !serverError ? (
            <Alert tone="error" title="We couldn't sign you in">
              <p>{oauthMessage || "Signing in with that provider did not work. Please try again."}</p>
            </Alert>
          ) : null}

          {providerList.length > 0 ? (
            <>
              <ul className="flex flex-col gap-2">
                {providerList.map((provider) => (
                  <li key={provider.id}>
                    {/* A plain link: the provider's sign-in is a full-page round trip through the server. */}
                    <a href={provider.startUrl} className={buttonStyles({ variant: "secondary", fullWidth: true })}>
                      Continue with {provider.name}
                    </a>
                  </li>
                ))}
              </ul>
              <div className="flex items-center gap-3 text-xs font-medium tracking-wide text-stone-500 uppercase">
                <span aria-hidden="true" className="h-px flex-1 bg-stone-200" />
                or with your email
                <span aria-hidden="true" className="h-px flex-1 bg-stone-200" />
              </div>
            </>
          ) : null}

          <Form onSubmit={form.handleSubmit((values) => signIn.mutate(values))}>
            {serverError ? <ServerErrorAlert title="We couldn't sign you in" error={serverError} /> : null}
            <FormTextField control={form.control} name="email" label="Email" type="email" autoComplete="email" isRequired />
            <div className="flex flex-col gap-2">
              <FormTextField
                control={form.control}
                name="password"
                label="Password"
                type="password"
                autoComplete="current-password"
                isRequired
              />
              <TextLink to="/forgot-password" className="self-end text-sm">
                Forgot your password?
              </TextLink>
            </div>
            <Button type="submit" size="large" fullWidth isPending={signIn.isPending} pendingLabel="Signing in…">
              Sign in
            </Button>
          </Form>
        </div>
      </Card>
      <p className="mt-6 text-center text-sm text-stone-600">
        New to Bookable? <TextLink to="/sign-up">Create an account</TextLink>
      </p>
    </NarrowPage>
  );
}
