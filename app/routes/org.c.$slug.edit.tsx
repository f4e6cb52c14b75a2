import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CampaignForm } from "~/components/CampaignForm";
import { Field } from "~/components/Field";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { StatusBadge } from "~/components/StatusBadge";
import { requireCampaignRole } from "~/lib/access.server";
import { changeCampaignStatus, closedByDate, EDITOR_ROLE, organizerStatus, updateCampaign, type StatusIntent } from "~/lib/campaign-admin.server";
import { campaignImageSrc, readCampaignForm, readImageUpload, UPLOADED_IMAGE } from "~/lib/campaign-images.server";
import { campaignSchema, closingDateInputValue, reopenSchema, type CampaignSchemaOptions } from "~/lib/campaign-schema";
import type { MessageKey } from "~/lib/i18n";
import { translateError } from "~/lib/form-errors";
import { useT } from "~/lib/use-translation";
import { parseForm } from "~/lib/form-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.campaign.title} · Picket` : "Picket" },
  { name: "robots", content: "noindex" },
];

function schemaOptions(campaign: { status: "draft" | "open" | "closed"; imageUrl: string | null; closesAt: Date | null }): CampaignSchemaOptions {
  return {
    mode: "edit",
    status: campaign.status,
    slugLocked: campaign.status !== "draft",
    hasUpload: campaign.imageUrl === UPLOADED_IMAGE,
    storedClosesAt: closingDateInputValue(campaign.closesAt),
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organizer, campaign } = await requireCampaignRole(request, context, params.slug ?? "", EDITOR_ROLE);
  const now = new Date();
  const src = campaignImageSrc(campaign);
  return {
    organizerName: organizer.name,
    options: schemaOptions(campaign),
    campaign: {
      slug: campaign.slug,
      title: campaign.title,
      status: organizerStatus(campaign, now),
      closedByDate: closedByDate(campaign, now),
      closingDatePassed: campaign.closesAt !== null && campaign.closesAt <= now,
    },
    defaultValue: {
      title: campaign.title,
      slug: campaign.slug,
      summary: campaign.summary,
      body: campaign.body,
      target: campaign.target,
      goal: String(campaign.goal),
      language: campaign.language,
      closesAt: closingDateInputValue(campaign.closesAt),
      requireConfirmation: campaign.requireConfirmation ? "on" : "",
      imageUrl: campaign.imageUrl === UPLOADED_IMAGE ? "" : (campaign.imageUrl ?? ""),
      imageAlt: campaign.imageAlt ?? "",
    },
    currentImage: src ? { src, alt: campaign.imageAlt ?? "", uploaded: campaign.imageUrl === UPLOADED_IMAGE } : null,
  };
}

type StatusError = { message: MessageKey; fields?: string };

const DONE: Record<StatusIntent, string> = { publish: "published", close: "closed", reopen: "reopened" };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organizer, campaign } = await requireCampaignRole(request, context, params.slug ?? "", EDITOR_ROLE);
  const { db } = context.runtime;
  const { formData, imageTooBig } = await readCampaignForm(request);
  const intent = formData.get("intent");

  if (intent === "publish" || intent === "close" || intent === "reopen") {
    let closesAt: Date | null | undefined;
    if (intent === "reopen" && formData.has("closesAt")) {
      const submission = parseForm(formData, { schema: reopenSchema() });
      if (submission.status !== "success") return data({ reopenResult: submission.reply() }, { status: 400 });
      closesAt = submission.value.closesAt;
    }
    const outcome = await changeCampaignStatus(db, { actorId: organizer.id, campaign, intent, closesAt });
    if (outcome.status === "changed") return redirect(`/org/c/${campaign.slug}/edit?done=${DONE[intent]}`);
    const statusError: StatusError =
      outcome.status === "incomplete"
        ? { message: "campaignForm.errors.incomplete", fields: outcome.missing.join(", ") }
        : outcome.status === "closing-date-passed"
          ? { message: "campaignForm.errors.closesAtPassed" }
          : { message: "campaignForm.errors.transition" };
    return data({ statusError }, { status: outcome.status === "refused" ? 409 : 400 });
  }

  const submission = parseForm(formData, { schema: campaignSchema(schemaOptions(campaign)) });
  const hideFields = ["imageFile"];
  if (imageTooBig) {
    return data({ result: submission.reply({ fieldErrors: { imageFile: ["campaignForm.errors.imageTooBig:2"] }, hideFields }) }, { status: 400 });
  }
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  const image = submission.value.imageFile ? await readImageUpload(submission.value.imageFile) : undefined;
  if (image === null) {
    return data({ result: submission.reply({ fieldErrors: { imageFile: ["campaignForm.errors.imageType"] }, hideFields }) }, { status: 400 });
  }
  const saved = await updateCampaign(db, { actorId: organizer.id, campaign, value: submission.value, image });
  if (saved.status === "slug-taken") {
    return data({ result: submission.reply({ fieldErrors: { slug: ["campaignForm.errors.slugTaken"] }, hideFields }) }, { status: 409 });
  }
  return redirect(`/org/c/${saved.campaign.slug}/edit?done=saved`);
}

const DONE_MESSAGES: Record<string, MessageKey> = {
  created: "campaignForm.created",
  saved: "campaignForm.saved",
  published: "campaignForm.published",
  closed: "campaignForm.closed",
  reopened: "campaignForm.reopened",
};

export default function EditCampaignPage() {
  const { organizerName, options, campaign, defaultValue, currentImage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const done = DONE_MESSAGES[searchParams.get("done") ?? ""];
  const result = actionData && "result" in actionData ? actionData.result : undefined;
  return (
    <OrgShell
      organizerName={organizerName}
      title={t("campaignForm.editTitle", { title: campaign.title })}
      breadcrumbs={[{ to: `/org/c/${campaign.slug}/edit`, label: campaign.title }]}
    >
      {done && !actionData ? (
        <p className="notice notice--ok" role="status">
          {t(done)}
        </p>
      ) : null}
      <p className="org-links">
        <Link to={`/org/c/${campaign.slug}/preview`}>{t("org.campaign.preview")}</Link>
        {campaign.status !== "draft" ? (
          <>
            {" · "}
            <Link to={`/c/${campaign.slug}`}>{t("org.campaign.public")}</Link>
            {" · "}
            <Link to={`/org/c/${campaign.slug}`}>{t("org.campaign.dashboard")}</Link>
          </>
        ) : null}
      </p>
      <StatusPanel
        campaign={campaign}
        statusError={actionData && "statusError" in actionData ? actionData.statusError : undefined}
        reopenResult={actionData && "reopenResult" in actionData ? actionData.reopenResult : undefined}
      />
      <CampaignForm
        // A new key after each save, so the form shows what was stored.
        key={JSON.stringify(defaultValue)}
        id="edit-campaign"
        intent="save"
        lastResult={result}
        options={options}
        defaultValue={defaultValue}
        slug={campaign.slug}
        currentImage={currentImage}
        submitLabel={t("campaignForm.save")}
      />
    </OrgShell>
  );
}

function StatusPanel({
  campaign,
  statusError,
  reopenResult,
}: {
  campaign: { slug: string; status: "draft" | "open" | "closed"; closedByDate: boolean; closingDatePassed: boolean };
  statusError: StatusError | undefined;
  reopenResult: SubmissionResult<string[]> | undefined;
}) {
  const t = useT();
  const [reopenForm, reopenFields] = useValidatedForm({ id: "reopen", lastResult: reopenResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: reopenSchema() }) });
  const description: MessageKey =
    campaign.status === "draft"
      ? "campaignForm.statusDraft"
      : campaign.status === "open"
        ? "campaignForm.statusOpen"
        : campaign.closedByDate
          ? "campaignForm.statusClosedByDate"
          : "campaignForm.statusClosed";
  return (
    <section className="panel status-panel" aria-labelledby="status-heading">
      <h2 id="status-heading">
        {t("campaignForm.status")}: <StatusBadge status={campaign.status} />
      </h2>
      <p>{t(description)}</p>
      {statusError ? (
        <p className="form-error" role="alert">
          {t(statusError.message, { fields: statusError.fields ?? "" })}
        </p>
      ) : null}
      {campaign.status === "draft" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="publish" />
          <button type="submit" className="button button--primary">
            {t("campaignForm.publish")}
          </button>
          <p className="hint">{t("campaignForm.publishHint")}</p>
        </Form>
      ) : campaign.status === "open" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="close" />
          <button type="submit" className="button">
            {t("campaignForm.close")}
          </button>
        </Form>
      ) : (
        <Form method="post" {...getFormProps(reopenForm)}>
          <input type="hidden" name="intent" value="reopen" />
          {campaign.closingDatePassed ? (
            <Field
              id={reopenFields.closesAt.id}
              label={t("campaignForm.reopenClosesAt")}
              hint={t("campaignForm.reopenClosesAtHint")}
              errors={reopenFields.closesAt.errors}
            >
              {(describedBy) => <input {...getInputProps(reopenFields.closesAt, { type: "datetime-local" })} aria-describedby={describedBy} />}
            </Field>
          ) : null}
          <button type="submit" className="button">
            {t("campaignForm.reopen")}
          </button>
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary title="campaignForm.forbidden.title" body="campaignForm.forbidden.body" />;
}
