import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { CURRENCIES } from "~/lib/money";
import { OPTION_DESCRIPTION_MAX, OPTION_KINDS, OPTION_TITLE_MAX, pledgeOptionSchema, type PledgeOptionDefaults, type PledgeOptionLock } from "~/lib/pledge-option-schema";
import { translateError } from "~/lib/form-errors";
import { useT } from "~/lib/use-translation";
import { Field } from "./Field";
import { FormErrors } from "./InputField";

/**
 * Adding or editing a pledge option. Works without JavaScript (the server validates with the same
 * schema and sends errors and values back); with it, fields are checked as they are left and the
 * money-only fields step aside while "Action" is chosen. Once people have pledged, kind and
 * currency are shown as text: they can no longer change.
 */
export function PledgeOptionForm({
  id,
  intent,
  lastResult,
  defaultValue,
  locked,
  submitLabel,
  action,
}: {
  id: string;
  intent: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: PledgeOptionDefaults;
  locked: PledgeOptionLock | null;
  submitLabel: string;
  action?: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const schema = useMemo(() => pledgeOptionSchema({ locked }), [locked]);
  const [form, fields] = useValidatedForm({
    id,
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  // Money-only fields are hidden for an action only once scripts run: without them every field shows.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const kind = locked?.kind ?? fields.kind.value ?? defaultValue.kind;
  const moneyHidden = hydrated && kind === "action";

  return (
    <Form method="post" action={action} className="campaign-form option-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {locked ? (
        <div className="field">
          <span className="field__label">{t("pledgesAdmin.form.kind")}</span>
          <p className="slug-locked">
            {t(`pledgesAdmin.kind.${locked.kind}`)}
            {locked.currency ? ` · ${locked.currency}` : ""}
          </p>
          <p className="hint">{t("pledgesAdmin.form.locked")}</p>
        </div>
      ) : (
        <fieldset aria-describedby={fields.kind.errors?.length ? `${fields.kind.id}-error` : undefined}>
          <legend>{t("pledgesAdmin.form.kind")}</legend>
          {OPTION_KINDS.map((k) => {
            const { key, ...props } = getInputProps(fields.kind, { type: "radio", value: k });
            return (
              <div className="field field--checkbox" key={key ?? k}>
                <input {...props} id={`${fields.kind.id}-${k}`} />
                <label htmlFor={`${fields.kind.id}-${k}`}>{t(k === "money" ? "pledgesAdmin.form.kindMoney" : "pledgesAdmin.form.kindAction")}</label>
              </div>
            );
          })}
          {fields.kind.errors?.length ? (
            <p className="error" id={`${fields.kind.id}-error`}>
              {fields.kind.errors.map((e) => translateError(t, e)).join(" ")}
            </p>
          ) : null}
        </fieldset>
      )}
      <Field id={fields.title.id} label={t("pledgesAdmin.form.title")} hint={t("pledgesAdmin.form.titleHint")} errors={fields.title.errors}>
        {(describedBy) => <input {...getInputProps(fields.title, { type: "text" })} required maxLength={OPTION_TITLE_MAX} aria-describedby={describedBy} />}
      </Field>
      <Field id={fields.description.id} label={t("pledgesAdmin.form.description")} errors={fields.description.errors}>
        {(describedBy) => <textarea {...getTextareaProps(fields.description)} rows={3} maxLength={OPTION_DESCRIPTION_MAX} aria-describedby={describedBy} />}
      </Field>
      <div className="field-row" hidden={moneyHidden}>
        {locked ? null : (
          <Field id={fields.currency.id} label={t("pledgesAdmin.form.currency")} errors={fields.currency.errors}>
            {(describedBy) => (
              <select {...getSelectProps(fields.currency)} aria-describedby={describedBy}>
                {CURRENCIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {locked?.kind === "action" ? null : (
          <Field id={fields.suggested.id} label={t("pledgesAdmin.form.suggested")} hint={t("pledgesAdmin.form.suggestedHint")} errors={fields.suggested.errors}>
            {(describedBy) => <input {...getInputProps(fields.suggested, { type: "text" })} inputMode="decimal" aria-describedby={describedBy} />}
          </Field>
        )}
      </div>
      <Field id={fields.goal.id} label={t("pledgesAdmin.form.goal")} hint={t("pledgesAdmin.form.goalHint")} errors={fields.goal.errors}>
        {(describedBy) => <input {...getInputProps(fields.goal, { type: "text" })} inputMode="decimal" aria-describedby={describedBy} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
