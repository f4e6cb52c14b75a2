import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { MESSAGE_MAX, signFormSchema } from "~/lib/sign-schema";
import { useT } from "~/lib/use-translation";
import { CountrySelect } from "./CountryDateFields";
import { suggestEmail } from "~/lib/email-typo";
import { EmailTypoHint } from "./EmailTypoHint";
import { CheckboxField, Field } from "./Field";
import { PledgeFields, type PledgeFieldOption } from "./PledgeFields";
import { FormErrors } from "./InputField";

const NO_PLEDGE_OPTIONS: PledgeFieldOption[] = [];

export function SignForm({
  lastResult,
  countries,
  source,
  pledgeOptions = NO_PLEDGE_OPTIONS,
  emailTypo,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  countries: { code: string; name: string }[];
  source: string | null;
  /** The campaign's open pledge options; the same list the server validates against. */
  pledgeOptions?: PledgeFieldOption[];
  /** The server held the submission to ask about this address's domain. */
  emailTypo?: { typed: string; suggestion: string } | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const schema = useMemo(() => signFormSchema(pledgeOptions), [pledgeOptions]);
  const [form, fields] = useValidatedForm({
    id: "sign",
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const email = typeof fields.email.value === "string" ? fields.email.value.trim() : "";
  const suggestion = useMemo(() => (fields.email.errors?.length ? null : suggestEmail(email)), [email, fields.email.errors]);
  const typoId = `${fields.email.id}-typo`;
  return (
    <Form method="post" className="sign-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field-row">
        <Field id={fields.firstName.id} label={t("sign.firstName")} errors={fields.firstName.errors}>
          {(describedBy) => (
            <input {...getInputProps(fields.firstName, { type: "text" })} autoComplete="given-name" aria-describedby={describedBy} />
          )}
        </Field>
        <Field id={fields.lastName.id} label={t("sign.lastName")} errors={fields.lastName.errors}>
          {(describedBy) => (
            <input {...getInputProps(fields.lastName, { type: "text" })} autoComplete="family-name" aria-describedby={describedBy} />
          )}
        </Field>
      </div>
      <Field id={fields.email.id} label={t("sign.email")} hint={t("sign.emailHint")} errors={fields.email.errors}>
        {(describedBy) => (
          <input
            {...getInputProps(fields.email, { type: "email" })}
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            aria-describedby={[describedBy, suggestion ? typoId : ""].filter(Boolean).join(" ") || undefined}
          />
        )}
      </Field>
      {suggestion ? (
        <EmailTypoHint
          id={typoId}
          typed={email}
          suggestion={suggestion}
          asked={emailTypo?.typed === email && emailTypo.suggestion === suggestion}
          onUse={() => form.update({ name: fields.email.name, value: suggestion })}
        />
      ) : null}
      <div className="field-row field-row--wide-first">
        <Field id={fields.country.id} label={t("sign.country")} errors={fields.country.errors}>
          {(describedBy) => (
            <CountrySelect field={fields.country} countries={countries} placeholder={t("sign.countryPlaceholder")} describedBy={describedBy} autoComplete="country" />
          )}
        </Field>
        <Field id={fields.postalCode.id} label={t("sign.postalCode")} errors={fields.postalCode.errors}>
          {(describedBy) => (
            <input {...getInputProps(fields.postalCode, { type: "text" })} autoComplete="postal-code" aria-describedby={describedBy} />
          )}
        </Field>
      </div>
      <Field id={fields.organization.id} label={t("sign.organization")} errors={fields.organization.errors}>
        {(describedBy) => (
          <input {...getInputProps(fields.organization, { type: "text" })} autoComplete="organization" aria-describedby={describedBy} />
        )}
      </Field>
      <Field
        id={fields.message.id}
        label={t("sign.message")}
        hint={t("sign.messageHint", { max: MESSAGE_MAX })}
        errors={fields.message.errors}
      >
        {(describedBy) => <textarea {...getTextareaProps(fields.message)} rows={3} aria-describedby={describedBy} />}
      </Field>
      <CheckboxField id={fields.showName.id} label={t("sign.showName")} hint={t("sign.showNameHint")}>
        {(describedBy) => <input {...getInputProps(fields.showName, { type: "checkbox" })} aria-describedby={describedBy} />}
      </CheckboxField>
      <CheckboxField id={fields.updatesOptIn.id} label={t("sign.updates")}>
        {() => <input {...getInputProps(fields.updatesOptIn, { type: "checkbox" })} />}
      </CheckboxField>
      <PledgeFields
        formId={form.id}
        options={pledgeOptions}
        initialValue={form.initialValue}
        allErrors={form.allErrors}
        legend={t("pledge.legend")}
        intro={t("pledge.intro")}
      />
      {/* Invisible to people (and to screen readers); bots that fill every field are dropped. */}
      <div className="hp" aria-hidden="true">
        <label htmlFor="sign-website">{t("sign.honeypot")}</label>
        <input id="sign-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      {source ? <input type="hidden" name="source" value={source} /> : null}
      <button type="submit" className="button button--primary button--block" disabled={submitting}>
        {submitting ? t("sign.submitting") : t("sign.submit")}
      </button>
      <p className="hint">{t("sign.privacy")}</p>
    </Form>
  );
}
