import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { UpdateForm } from "~/components/UpdateForm";
import { countryOptions } from "~/lib/countries";
import { parseForm, readFormData } from "~/lib/form-data.server";
import { formatNumber } from "~/lib/i18n";
import { updateChunkEnqueuer } from "~/lib/jobs.server";
import { contentVersion, requireUpdate } from "~/lib/update-access.server";
import { renderUpdate } from "~/lib/update-delivery.server";
import { sendUpdateSchema, updateSchema } from "~/lib/update-schema";
import {
  audienceSize,
  cancelUpdateSend,
  filterableOptions,
  filtersOf,
  saveUpdateDraft,
  startUpdateSend,
  updateProgress,
} from "~/lib/updates.server";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { FormErrors } from "~/components/InputField";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.update.subject} · Updates · Picket` : "Picket" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organizer, campaign, update } = await requireUpdate(request, context, params);
  const { db, config } = context.runtime;
  const isDraft = update.status === "draft";
  const [audience, options, progress, preview] = await Promise.all([
    isDraft ? audienceSize(db, campaign.id, filtersOf(update)) : null,
    isDraft ? filterableOptions(db, campaign.id) : [],
    isDraft ? null : updateProgress(db, update.id),
    isDraft ? renderUpdate(config.appUrl, { subject: update.subject, body: update.body, campaign }) : null,
  ]);
  return {
    organizerName: organizer.name,
    organizerEmail: organizer.email,
    campaign: { slug: campaign.slug, title: campaign.title },
    update: {
      id: update.id,
      subject: update.subject,
      status: update.status,
      total: update.total,
      defaults: { subject: update.subject, body: update.body, country: update.filterCountry ?? "", optionId: update.filterOptionId ? String(update.filterOptionId) : "" },
    },
    audience,
    options,
    countries: isDraft ? countryOptions("en") : [],
    progress,
    // The HTML goes to the frame from its own address (…/preview); the text is shown here.
    preview: preview ? { text: preview.text, version: contentVersion(update.subject, update.body) } : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organizer, campaign, update } = await requireUpdate(request, context, params);
  const { db, boss, enqueueEmail } = context.runtime;
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const actor = { actorId: organizer.id, campaign };
  const here = `/org/c/${campaign.slug}/updates/${update.id}`;

  if (intent === "save") {
    const submission = parseForm(formData, { schema: updateSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
    const saved = await saveUpdateDraft(db, actor, update.id, submission.value);
    if (saved.status === "bad-option") {
      return data({ result: submission.reply({ fieldErrors: { optionId: ["updates.errors.option"] } }), notice: null }, { status: 400 });
    }
    if (saved.status === "not-draft") return data({ result: submission.reply({ formErrors: ["updates.errors.notDraft"] }), notice: null }, { status: 409 });
    return redirect(`${here}?done=saved`);
  }
  if (intent === "test") {
    if (update.status !== "draft") return data({ result: null, notice: "updates.errors.notDraft" as const }, { status: 409 });
    await db.transaction((tx) => enqueueEmail(tx, { kind: "update-test", updateId: update.id, organizerId: organizer.id }));
    return data({ result: null, notice: "updates.testSent" as const });
  }
  if (intent === "send") {
    const submission = parseForm(formData, { schema: sendUpdateSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
    const started = await startUpdateSend(db, actor, update.id, updateChunkEnqueuer(boss));
    if (started.status === "empty") return data({ result: submission.reply({ formErrors: ["updates.errors.empty"] }), notice: null }, { status: 409 });
    if (started.status === "not-draft") return data({ result: submission.reply({ formErrors: ["updates.errors.notDraft"] }), notice: null }, { status: 409 });
    return redirect(here);
  }
  if (intent === "cancel") {
    const cancelled = await cancelUpdateSend(db, actor, update.id);
    if (cancelled === "not-sending") return data({ result: null, notice: "updates.errors.notSending" as const }, { status: 409 });
    return redirect(`${here}?done=cancelled`);
  }
  return data({ result: null, notice: null }, { status: 400 });
}

const DONE = { saved: "updates.saved", cancelled: "updates.cancelled" } as const;

export default function UpdatePage() {
  const { organizerName, campaign, update, audience, progress } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const base = `/org/c/${campaign.slug}`;
  const done = DONE[searchParams.get("done") as keyof typeof DONE];
  return (
    <OrgShell
      organizerName={organizerName}
      title={update.subject}
      breadcrumbs={[
        { to: base, label: campaign.title },
        { to: `${base}/updates`, label: t("updates.title") },
        { to: `${base}/updates/${update.id}`, label: update.subject },
      ]}
    >
      <p className="muted">{t(`updates.status.${update.status}`)}</p>
      {done ? (
        <p className="notice notice--ok" role="status">
          {t(done)}
        </p>
      ) : null}
      {actionData?.notice ? (
        <p className={actionData.notice === "updates.testSent" ? "notice notice--ok" : "notice"} role="status">
          {t(actionData.notice)}
        </p>
      ) : null}
      {progress ? <Progress status={update.status} progress={progress} /> : <Draft audience={audience ?? 0} />}
    </OrgShell>
  );
}

function Draft({ audience }: { audience: number }) {
  const { organizerEmail, campaign, update, options, countries, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const formErrors = actionData?.result?.error?.[""];
  const confirmError = actionData?.result?.error?.confirm;
  return (
    <>
      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading">{t("updates.preview")}</h2>
        {preview ? (
          <>
            <iframe
              key={preview.version}
              className="email-preview"
              title={t("updates.previewFrame")}
              src={`/org/c/${campaign.slug}/updates/${update.id}/preview?v=${preview.version}`}
              sandbox=""
            />
            <details>
              <summary>{t("updates.plainText")}</summary>
              <pre className="email-preview__text">{preview.text}</pre>
            </details>
          </>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="test" />
          <p className="hint" id="test-hint">
            {t("updates.testHint", { email: organizerEmail })}
          </p>
          <button type="submit" className="button" aria-describedby="test-hint">
            {t("updates.test")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="send-heading">
        <h2 id="send-heading">{t("updates.send.heading")}</h2>
        <p data-testid="audience">{t("updates.audience", { count: audience })}</p>
        <FormErrors id="update-send-error" errors={formErrors ?? undefined} />
        {audience > 0 ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="send" />
            <div className={confirmError ? "field field--checkbox field--invalid" : "field field--checkbox"}>
              <input type="checkbox" id="confirm-send" name="confirm" value="yes" required aria-describedby={confirmError ? "confirm-send-error" : undefined} />
              <label htmlFor="confirm-send">{t("updates.send.confirm", { count: audience })}</label>
              {confirmError ? (
                <p className="error" id="confirm-send-error">
                  {t("updates.errors.confirm")}
                </p>
              ) : null}
            </div>
            <div>
              <button type="submit" className="button button--primary">
                {t("updates.send.button")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">{t("updates.edit")}</h2>
        <UpdateForm id="edit-update" intent="save" lastResult={actionData?.result ?? undefined} defaultValue={update.defaults} countries={countries} options={options} />
      </section>
    </>
  );
}

type ProgressFigures = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["progress"]>;

/** Sent / total with a bar, failures and deliveries; refreshes itself every two seconds while sending. */
function Progress({ status, progress }: { status: string; progress: ProgressFigures }) {
  const t = useT();
  const language = usePageLanguage();
  const revalidator = useRevalidator();
  const sending = status === "sending";
  useEffect(() => {
    if (!sending) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [sending, revalidator]);
  const num = (v: number) => formatNumber(v, language);
  const label = t("updates.progress.label", { done: progress.sent, total: progress.total });
  const figures = [
    ["updates.progress.sent", progress.sent, "sent"],
    ["updates.progress.failed", progress.failed, "failed"],
    ["updates.progress.queued", progress.queued, "queued"],
    ["updates.progress.skipped", progress.skipped, "skipped"],
    ["updates.progress.delivered", progress.delivered, "delivered"],
    ["updates.progress.bounced", progress.bounced, "bounced"],
    ["updates.progress.complained", progress.complained, "complained"],
  ] as const;
  return (
    <section aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t("updates.progress.heading")}</h2>
      <p id="progress-label" data-testid="progress-label">
        {label}
      </p>
      <progress className="progress" max={Math.max(1, progress.total)} value={progress.sent} aria-labelledby="progress-label" />
      <dl className="stat-grid">
        {figures.map(([key, value, id]) => (
          <div className="stat" key={id}>
            <dt>{t(key)}</dt>
            <dd data-testid={`progress-${id}`}>{num(value)}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t("updates.progress.deliveryNote")}</p>
      {sending ? (
        <>
          <p className="hint">
            {t("updates.progress.autoRefresh")} <Link to=".">{t("updates.progress.refresh")}</Link>
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <p className="hint" id="cancel-hint">
              {t("updates.cancelHint")}
            </p>
            <button type="submit" className="button" aria-describedby="cancel-hint">
              {t("updates.cancel")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary title="moderation.forbidden.title" body="updates.forbidden.body" />;
}
