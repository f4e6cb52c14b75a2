import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { emailRequestSchema } from "~/lib/auth-schema";
import type { MessageKey } from "~/lib/i18n";
import { useT } from "~/lib/use-translation";
import { FormErrors, InputField } from "./InputField";

/**
 * "Email me a sign-in link" and "Forgot password?": one address in, then the same "check your
 * email" answer whether or not an account uses it.
 */
export function EmailLinkRequest({
  id,
  sent,
  lastResult,
  title,
  intro,
  submit,
  next = "/org",
}: {
  id: string;
  /** Where to land after signing in with the emailed link. */
  next?: string;
  sent: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
  title: MessageKey;
  intro: MessageKey;
  submit: MessageKey;
}) {
  const t = useT();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id,
    lastResult,
    constraint: getZodConstraint(emailRequestSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailRequestSchema }),
  });
  if (sent) {
    return (
      <section className="panel narrow" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t("auth.checkEmail.title")}</h1>
        <p className="lead">{t("auth.checkEmail.body")}</p>
        <p className="hint">{t("auth.checkEmail.spam")}</p>
        <p>
          <Link to="/org/sign-in">{t("auth.backToSignIn")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="panel narrow" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t(title)}</h1>
      <p>{t(intro)}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {next !== "/org" ? <input type="hidden" name="next" value={next} /> : null}
        <InputField field={fields.email} label={t("auth.email")} type="email" autoComplete="username" />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {t(submit)}
        </button>
      </Form>
      <p>
        <Link to="/org/sign-in">{t("auth.backToSignIn")}</Link>
      </p>
    </section>
  );
}
