import { getFormProps } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { FormErrors, InputField } from "~/components/InputField";
import { InvalidLink } from "~/components/InvalidLink";
import { redirectSignedIn } from "~/lib/auth-responses.server";
import { deviceCookieHeader } from "~/lib/device-cookie.server";
import { PASSWORD_MIN, resetPasswordSchema } from "~/lib/auth-schema";
import { findLinkOrganizer, resetPassword } from "~/lib/auth-tokens.server";
import { translator } from "~/lib/i18n";
import { useT } from "~/lib/use-translation";
import { parseForm, readFormData } from "~/lib/form-data.server";

export const meta: MetaFunction = () => [
  { title: `${translator("en")("auth.reset.title")} · Picket` },
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "same-origin" },
];

/** Opening the link changes nothing; only saving the new password uses it. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const organizer = await findLinkOrganizer(context.runtime.db, params.token ?? "", "password-reset");
  if (!organizer) return data({ email: null }, { status: 404 });
  return { email: organizer.email };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const submission = parseForm(await readFormData(request), { schema: resetPasswordSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirmPassword"] }), invalid: false }, { status: 400 });
  }
  const result = await resetPassword(context.runtime.db, params.token ?? "", submission.value.password);
  if (result.status !== "ok") return data({ result: undefined, invalid: true }, { status: 404 });
  // A sign-in like any other: this browser is now known to the account (sign-in throttling).
  const device = await deviceCookieHeader(context.runtime.config, request, result.organizer.email);
  return redirectSignedIn(context, result.sessionToken, "/org", [device]);
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id: "reset",
    lastResult: actionData?.result,
    constraint: getZodConstraint(resetPasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  if (!email || actionData?.invalid) return <InvalidLink />;
  return (
    <section className="panel narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("auth.reset.title")}</h1>
      <p>{t("auth.reset.body", { email })}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
        <InputField
          field={fields.password}
          clearOn={actionData}
          label={t("auth.newPassword")}
          type="password"
          autoComplete="new-password"
          hint={t("auth.passwordHint", { min: PASSWORD_MIN })}
        />
        <InputField field={fields.confirmPassword} clearOn={actionData} label={t("auth.confirmPassword")} type="password" autoComplete="new-password" />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {t("auth.reset.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
