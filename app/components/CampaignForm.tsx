import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { campaignSchema, GOAL_MAX, slugify, type CampaignSchemaOptions } from "~/lib/campaign-schema";
import { LANGUAGES } from "~/lib/languages";
import { useT } from "~/lib/use-translation";
import { CheckboxField, Field } from "./Field";
import { FormErrors } from "./InputField";

/** Form values as strings, the way the controls hold them (checkboxes: "on" when ticked). */
export type CampaignFormDefaults = Partial<
  Record<
    | "groupId"
    | "title"
    | "slug"
    | "summary"
    | "body"
    | "target"
    | "goal"
    | "language"
    | "closesAt"
    | "requireConfirmation"
    | "imageUrl"
    | "imageAlt"
    | "imageFile"
    | "removeImage",
    string
  >
>;

/**
 * The campaign authoring form, for creating and editing. Works without JavaScript (the server
 * validates with the same schema and sends the errors and values back); with it, fields are checked
 * as they are left and the address is suggested from the title as it is typed.
 */
export function CampaignForm({
  id,
  lastResult,
  options,
  defaultValue,
  groups,
  slug,
  currentImage,
  submitLabel,
  intent,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined;
  options: CampaignSchemaOptions;
  defaultValue: CampaignFormDefaults;
  /** create: the groups to choose from. */
  groups?: { id: number; name: string }[];
  /** edit: the stored slug, shown read-only once locked. */
  slug?: string;
  /** edit: the stored image, shown with a "remove" box when it is an upload. */
  currentImage?: { src: string; alt: string; uploaded: boolean } | null;
  submitLabel: string;
  intent?: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === (intent ?? null);
  const schema = useMemo(() => campaignSchema(options), [options]);
  const [form, fields] = useValidatedForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const suggestedSlug = slugify(fields.title.value ?? defaultValue.title ?? "");
  return (
    <Form method="post" encType="multipart/form-data" className="campaign-form" {...getFormProps(form)}>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      {groups ? (
        <Field id={fields.groupId.id} label={t("campaignForm.group")} hint={t("campaignForm.groupHint")} errors={fields.groupId.errors}>
          {(describedBy) => (
            <select {...getSelectProps(fields.groupId)} aria-describedby={describedBy}>
              {groups.length > 1 ? <option value="" /> : null}
              {groups.map((g) => (
                <option key={g.id} value={String(g.id)}>
                  {g.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field id={fields.title.id} label={t("campaignForm.title")} errors={fields.title.errors}>
        {(describedBy) => <input {...getInputProps(fields.title, { type: "text" })} aria-describedby={describedBy} />}
      </Field>
      {options.slugLocked ? (
        <div className="field">
          <span className="field__label">{t("campaignForm.slug")}</span>
          <p className="slug-locked">
            <code>/c/{slug}</code>
          </p>
          <p className="hint">{t("campaignForm.slugLocked")}</p>
        </div>
      ) : (
        <Field id={fields.slug.id} label={t("campaignForm.slug")} hint={t("campaignForm.slugHint")} errors={fields.slug.errors}>
          {(describedBy) => (
            <div className="slug-input">
              <span aria-hidden="true">/c/</span>
              <input
                {...getInputProps(fields.slug, { type: "text" })}
                placeholder={suggestedSlug}
                autoCapitalize="none"
                spellCheck={false}
                aria-describedby={describedBy}
              />
            </div>
          )}
        </Field>
      )}
      <Field id={fields.summary.id} label={t("campaignForm.summary")} hint={t("campaignForm.summaryHint")} errors={fields.summary.errors}>
        {(describedBy) => <textarea {...getTextareaProps(fields.summary)} rows={2} aria-describedby={describedBy} />}
      </Field>
      <Field id={fields.body.id} label={t("campaignForm.body")} hint={t("campaignForm.bodyHint")} errors={fields.body.errors}>
        {(describedBy) => <textarea {...getTextareaProps(fields.body)} rows={14} aria-describedby={describedBy} />}
      </Field>
      <Field id={fields.target.id} label={t("campaignForm.target")} hint={t("campaignForm.targetHint")} errors={fields.target.errors}>
        {(describedBy) => <input {...getInputProps(fields.target, { type: "text" })} aria-describedby={describedBy} />}
      </Field>
      <div className="field-row">
        <Field id={fields.goal.id} label={t("campaignForm.goal")} errors={fields.goal.errors}>
          {(describedBy) => (
            <input
              {...getInputProps(fields.goal, { type: "number" })}
              min={1}
              max={GOAL_MAX}
              step={1}
              inputMode="numeric"
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field id={fields.language.id} label={t("campaignForm.language")} errors={fields.language.errors}>
          {(describedBy) => (
            <select {...getSelectProps(fields.language)} aria-describedby={describedBy}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`campaignForm.language.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id={fields.closesAt.id} label={t("campaignForm.closesAt")} hint={t("campaignForm.closesAtHint")} errors={fields.closesAt.errors}>
        {(describedBy) => <input {...getInputProps(fields.closesAt, { type: "datetime-local" })} aria-describedby={describedBy} />}
      </Field>
      <CheckboxField
        id={fields.requireConfirmation.id}
        label={t("campaignForm.requireConfirmation")}
        hint={t("campaignForm.requireConfirmationHint")}
      >
        {(describedBy) => <input {...getInputProps(fields.requireConfirmation, { type: "checkbox" })} aria-describedby={describedBy} />}
      </CheckboxField>
      <fieldset className="campaign-form__image">
        <legend>{t("campaignForm.imageHeading")}</legend>
        {currentImage ? (
          <figure className="campaign-form__current-image">
            <img src={currentImage.src} alt={currentImage.alt} />
            <figcaption className="hint">{t("campaignForm.imageCurrent")}</figcaption>
          </figure>
        ) : null}
        <Field id={fields.imageUrl.id} label={t("campaignForm.imageUrl")} hint={t("campaignForm.imageUrlHint")} errors={fields.imageUrl.errors}>
          {(describedBy) => (
            <input {...getInputProps(fields.imageUrl, { type: "url" })} placeholder="https://" aria-describedby={describedBy} />
          )}
        </Field>
        <Field id={fields.imageFile.id} label={t("campaignForm.imageFile")} hint={t("campaignForm.imageFileHint")} errors={fields.imageFile.errors}>
          {(describedBy) => (
            <input
              {...getInputProps(fields.imageFile, { type: "file" })}
              accept="image/png,image/jpeg,image/webp"
              aria-describedby={describedBy}
            />
          )}
        </Field>
        {currentImage?.uploaded ? (
          <CheckboxField id={fields.removeImage.id} label={t("campaignForm.removeImage")}>
            {() => <input {...getInputProps(fields.removeImage, { type: "checkbox" })} />}
          </CheckboxField>
        ) : null}
        <Field id={fields.imageAlt.id} label={t("campaignForm.imageAlt")} hint={t("campaignForm.imageAltHint")} errors={fields.imageAlt.errors}>
          {(describedBy) => <input {...getInputProps(fields.imageAlt, { type: "text" })} aria-describedby={describedBy} />}
        </Field>
      </fieldset>
      <button type="submit" className="button button--primary" disabled={submitting}>
        {submitting ? t("campaignForm.saving") : submitLabel}
      </button>
    </Form>
  );
}
