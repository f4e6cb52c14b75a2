import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { UPDATE_BODY_MAX, UPDATE_SUBJECT_MAX, updateSchema } from "~/lib/update-schema";
import { useT } from "~/lib/use-translation";
import { CountryOptions } from "./CountryOptions";
import { Field } from "./Field";
import { FormErrors } from "./InputField";

export interface UpdateFormDefaults {
  subject: string;
  body: string;
  country: string;
  optionId: string;
}

/**
 * Subject, Markdown text and the optional audience filters of an update. Works without
 * JavaScript: the server validates with the same schema and returns errors and values.
 */
export function UpdateForm({
  id,
  intent,
  lastResult,
  defaultValue,
  countries,
  options,
}: {
  id: string;
  intent: "create" | "save";
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: UpdateFormDefaults;
  countries: { code: string; name: string }[];
  options: { id: number; title: string }[];
}) {
  const t = useT();
  const [form, fields] = useValidatedForm({
    id,
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <Field id={fields.subject.id} label={t("updates.form.subject")} errors={fields.subject.errors}>
        {(describedBy) => <input {...getInputProps(fields.subject, { type: "text" })} key={fields.subject.key} maxLength={UPDATE_SUBJECT_MAX} aria-describedby={describedBy} />}
      </Field>
      <Field id={fields.body.id} label={t("updates.form.body")} hint={t("updates.form.bodyHint")} errors={fields.body.errors}>
        {(describedBy) => <textarea {...getTextareaProps(fields.body)} key={fields.body.key} rows={12} maxLength={UPDATE_BODY_MAX} aria-describedby={describedBy} />}
      </Field>
      <Field id={fields.country.id} label={t("updates.form.country")} errors={fields.country.errors}>
        {(describedBy) => (
          <select {...getSelectProps(fields.country)} key={fields.country.key} aria-describedby={describedBy}>
            <CountryOptions countries={countries} empty={t("updates.form.anyCountry")} />
          </select>
        )}
      </Field>
      {options.length > 0 ? (
        <Field id={fields.optionId.id} label={t("updates.form.option")} errors={fields.optionId.errors}>
          {(describedBy) => (
            <select {...getSelectProps(fields.optionId)} key={fields.optionId.key} aria-describedby={describedBy}>
              <option value="">{t("updates.form.anyOption")}</option>
              {options.map((o) => (
                <option key={o.id} value={String(o.id)}>
                  {o.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <div>
        <button type="submit" className="button button--primary">
          {t("updates.form.save")}
        </button>
      </div>
    </Form>
  );
}
