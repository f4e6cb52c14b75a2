import { getFormProps } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, InputField } from "~/components/InputField";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { OtherWaysToSignIn } from "~/components/InvalidLink";
import { currentOrganizer } from "~/lib/access.server";
import { redirectSignedIn, tooManyRequests, waitMessage } from "~/lib/auth-responses.server";
import { deviceCookieHeader, knownDeviceFor } from "~/lib/device-cookie.server";
import { safeNext, signInSchema } from "~/lib/auth-schema";
import { translator } from "~/lib/i18n";
import { authenticate } from "~/lib/organizers.server";
import { createSession } from "~/lib/sessions.server";
import { useT } from "~/lib/use-translation";
import { parseForm, readFormData } from "~/lib/form-data.server";
import { passRetryAfter } from "~/lib/http-headers";

export const headers = passRetryAfter;

export const meta: MetaFunction = () => [{ title: `${translator("en")("auth.signIn.title")} · Picket` }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const next = safeNext(url.searchParams.get("next"));
  if (await currentOrganizer(request, context)) throw redirect(next);
  return { next, signedOut: url.searchParams.has("signed-out") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db } = context.runtime;
  const submission = parseForm(await readFormData(request), { schema: signInSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { config } = context.runtime;
  const knownDevice = await knownDeviceFor(config, request, submission.value.email);
  const outcome = await authenticate(db, { ...submission.value, ipHash: context.ipHash, knownDevice });
  if (outcome.status === "throttled") {
    const wait = waitMessage("auth.errors.throttled", outcome.retryAfterSeconds);
    return tooManyRequests({ result: submission.reply({ formErrors: [wait], hideFields: ["password"] }) }, outcome.retryAfterSeconds);
  }
  if (outcome.status === "invalid") {
    return data(
      { result: submission.reply({ fieldErrors: { password: ["auth.errors.wrongCredentials"] }, hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  const sessionToken = await createSession(db, outcome.organizer.id);
  const device = await deviceCookieHeader(config, request, outcome.organizer.email);
  return redirectSignedIn(context, sessionToken, safeNext(submission.value.next), [device]);
}

export default function SignIn() {
  const { next, signedOut } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id: "sign-in",
    lastResult: actionData?.result,
    constraint: getZodConstraint(signInSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
  });
  return (
    <section className="panel narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t("auth.signIn.title")}</h1>
      {signedOut ? (
        <p className="notice" role="status">
          {t("auth.signIn.signedOut")}
        </p>
      ) : null}
      <p className="hint">{t("auth.signIn.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="next" value={next} />
        <InputField field={fields.email} label={t("auth.email")} type="email" autoComplete="username" />
        <InputField field={fields.password} clearOn={actionData} label={t("auth.password")} type="password" autoComplete="current-password" />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? t("auth.signIn.submitting") : t("auth.signIn.submit")}
        </button>
      </Form>
      <OtherWaysToSignIn next={next} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
