import { getCollectionProps, getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { CountryDateFields } from "~/components/CountryDateFields";
import { CheckboxField } from "~/components/Field";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { requireCampaignRole } from "~/lib/access.server";
import { campaignCounts } from "~/lib/campaign-stats.server";
import { countryOptions } from "~/lib/countries";
import { planExport } from "~/lib/export-query.server";
import { EXPORT_STATUSES, exportParams, exportSchema, pledgeColumn, SIGNER_COLUMNS } from "~/lib/export-schema";
import { languageFromHeader } from "~/lib/i18n";
import { listPledgeOptions } from "~/lib/pledges.server";
import { translateError } from "~/lib/form-errors";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { parseForm } from "~/lib/form-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.campaign.title} · Export signers · Picket` : "Picket" }];

/**
 * The export form. It is a GET form to this page with `download`: when the choices are valid
 * the loader redirects to the CSV route (the browser downloads the file and stays here); when
 * they are not, the page comes back with the errors next to the fields. With JavaScript the
 * same checks run before the form is sent.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organizer, campaign } = await requireCampaignRole(request, context, params.slug ?? "", "organizer");
  const { db } = context.runtime;
  const [options, counts] = await Promise.all([listPledgeOptions(db, campaign.id, { includeRetired: true }), campaignCounts(db, campaign.id)]);
  const url = new URL(request.url);
  let lastResult: SubmissionResult<string[]> | null = null;
  if (url.searchParams.has("download")) {
    const fields = new URLSearchParams(url.searchParams);
    fields.delete("download");
    const submission = parseForm(fields, { schema: exportSchema });
    if (submission.status === "success" && planExport(campaign.id, submission.value, options)) {
      throw redirect(`/org/c/${campaign.slug}/export.csv?${exportParams(submission.value).toString()}`);
    }
    lastResult = submission.status === "success" ? submission.reply({ fieldErrors: { columns: ["export.errors.columns"] } }) : submission.reply();
  }
  const locale = languageFromHeader(request.headers.get("accept-language"));
  return data(
    {
      organizerName: organizer.name,
      campaign: { slug: campaign.slug, title: campaign.title },
      counts,
      pledgeOptions: options.map((o) => ({ column: pledgeColumn(o.id), title: o.title, currency: o.currency, retired: o.retiredAt !== null })),
      countries: countryOptions(locale),
      lastResult,
    },
    { status: lastResult ? 400 : 200 },
  );
}

const DATES_HINT_ID = "export-dates-hint";

export default function ExportSigners() {
  const { organizerName, campaign, counts, pledgeOptions, countries, lastResult } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/org/c/${campaign.slug}`;
  const [form, fields] = useValidatedForm({
    id: "export",
    lastResult,
    defaultValue: { status: "confirmed", columns: [...SIGNER_COLUMNS, ...pledgeOptions.map((o) => o.column)] },
    constraint: getZodConstraint(exportSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => {
      formData.delete("download");
      return parseWithZod(formData, { schema: exportSchema });
    },
  });
  const columnLabel = (column: string) => {
    const option = pledgeOptions.find((o) => o.column === column);
    if (!option) return t(`export.col.${column as (typeof SIGNER_COLUMNS)[number]}`);
    const title = option.currency ? `${option.title} (${option.currency})` : option.title;
    return option.retired ? t("export.retired", { title }) : title;
  };
  const columnsErrorId = fields.columns.errors?.length ? `${fields.columns.id}-error` : undefined;
  const columnBoxes = getCollectionProps(fields.columns, { type: "checkbox", options: [...SIGNER_COLUMNS, ...pledgeOptions.map((o) => o.column)] });

  return (
    <OrgShell
      organizerName={organizerName}
      title={t("export.title")}
      breadcrumbs={[
        { to: base, label: campaign.title },
        { to: `${base}/export`, label: t("export.title") },
      ]}
    >
      <p>{t("export.intro")}</p>
      <p className="notice">{t("export.privacy")}</p>
      <p className="muted">
        {t("export.figures", { confirmed: counts.confirmed, unconfirmed: counts.unconfirmed })}
      </p>

      {/* reloadDocument: the answer is a file download, which only the browser itself can take. */}
      <Form method="get" action={`${base}/export`} reloadDocument {...getFormProps(form)} className="campaign-form export-form">
        <input type="hidden" name="download" value="1" />
        <fieldset>
          <legend>{t("export.who")}</legend>
          <fieldset className="choice-group" aria-describedby={fields.status.errors?.length ? `${fields.status.id}-error` : undefined}>
            <legend>{t("export.status")}</legend>
            {getCollectionProps(fields.status, { type: "radio", options: [...EXPORT_STATUSES] }).map((props) => (
              <ChoiceBox key={props.key} props={props} label={t(`export.status.${props.value as (typeof EXPORT_STATUSES)[number]}`)} />
            ))}
            <FieldErrors id={`${fields.status.id}-error`} errors={fields.status.errors} />
          </fieldset>
          <CheckboxField id={fields.updates.id} label={t("export.updates")}>
            {(describedBy) => <input {...getInputProps(fields.updates, { type: "checkbox" })} aria-describedby={describedBy} />}
          </CheckboxField>
          <div className="filters__row">
            <CountryDateFields country={fields.country} from={fields.from} to={fields.to} countries={countries} datesHintId={DATES_HINT_ID} />
          </div>
          <p className="hint" id={DATES_HINT_ID}>
            {t("signers.datesHint")}
          </p>
        </fieldset>

        <fieldset aria-describedby={columnsErrorId}>
          <legend>{t("export.columns")}</legend>
          <FieldErrors id={columnsErrorId} errors={fields.columns.errors} />
          <div className="choice-grid">
            {columnBoxes
              .filter((props) => !props.value.startsWith("pledge-"))
              .map((props) => (
                <ChoiceBox key={props.key} props={props} label={columnLabel(props.value)} />
              ))}
          </div>
          {pledgeOptions.length > 0 ? (
            <fieldset className="choice-group" aria-describedby="export-pledge-hint">
              <legend>{t("export.pledgeColumns")}</legend>
              <p className="hint" id="export-pledge-hint">
                {t("export.pledgeHint")}
              </p>
              <div className="choice-grid">
                {columnBoxes
                  .filter((props) => props.value.startsWith("pledge-"))
                  .map((props) => (
                    <ChoiceBox key={props.key} props={props} label={columnLabel(props.value)} />
                  ))}
              </div>
            </fieldset>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>{t("export.file")}</legend>
          <CheckboxField id={fields.bom.id} label={t("export.bom")} hint={t("export.bomHint")}>
            {(describedBy) => <input {...getInputProps(fields.bom, { type: "checkbox" })} aria-describedby={describedBy} />}
          </CheckboxField>
          <p className="hint">{t("export.format")}</p>
        </fieldset>

        <button type="submit" className="button button--primary">
          {t("export.download")}
        </button>
      </Form>
    </OrgShell>
  );
}

type BoxProps = ReturnType<typeof getCollectionProps>[number];

/** A checkbox or radio button with its label beside it. */
function ChoiceBox({ props, label }: { props: BoxProps; label: string }) {
  const { key: _key, ...input } = props;
  return (
    <div className="field field--checkbox">
      <input {...input} />
      <label htmlFor={props.id}>{label}</label>
    </div>
  );
}

function FieldErrors({ id, errors }: { id: string | undefined; errors: string[] | undefined }) {
  const t = useT();
  return id && errors?.length ? (
    <p className="error" id={id}>
      {errors.map((e) => translateError(t, e)).join(" ")}
    </p>
  ) : null;
}

export function ErrorBoundary() {
  return <OrgErrorBoundary />;
}
