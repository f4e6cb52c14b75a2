import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { PledgeOptionForm } from "~/components/PledgeOptionForm";
import { OptionFigureCells } from "~/components/PledgeOptionFigures";
import { PostButton } from "~/components/PostButton";
import { requireCampaignRole } from "~/lib/access.server";
import { parseForm, readFormData } from "~/lib/form-data.server";
import { formatMoney } from "~/lib/money";
import { applyOptionRowIntent, createPledgeOption, moneyByCurrency, optionsWithTotals, type OptionRowResult } from "~/lib/pledge-admin.server";
import { optionRowSchema, OPTIONS_PER_CAMPAIGN_MAX, pledgeOptionSchema, type OptionRowIntent } from "~/lib/pledge-option-schema";
import { usePageLanguage, useT } from "~/lib/use-translation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.campaign.title} · Pledges · Picket` : "Picket" },
  { name: "robots", content: "noindex" },
];

/** Options change what the campaign asks of supporters: organizers and owners (viewers see totals on the dashboard). */
const OPTION_EDITOR_ROLE = "organizer";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organizer, campaign } = await requireCampaignRole(request, context, params.slug ?? "", OPTION_EDITOR_ROLE);
  const options = await optionsWithTotals(context.runtime.db, campaign.id);
  return {
    organizerName: organizer.name,
    campaign: { slug: campaign.slug, title: campaign.title },
    options,
    money: moneyByCurrency(options),
  };
}

type Notice = { intent: OptionRowIntent; result: OptionRowResult };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organizer, campaign } = await requireCampaignRole(request, context, params.slug ?? "", OPTION_EDITOR_ROLE);
  const { db } = context.runtime;
  const formData = await readFormData(request);
  const actor = { actorId: organizer.id, campaign };

  if (formData.get("intent") === "create") {
    const submission = parseForm(formData, { schema: pledgeOptionSchema() });
    if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
    const created = await createPledgeOption(db, actor, submission.value);
    if (created.status === "too-many") {
      return data({ result: submission.reply({ formErrors: [`pledgesAdmin.errors.tooMany:${OPTIONS_PER_CAMPAIGN_MAX}`] }), notice: null }, { status: 400 });
    }
    return redirect(`/org/c/${campaign.slug}/pledges?done=created`);
  }

  const submission = parseForm(formData, { schema: optionRowSchema });
  if (submission.status !== "success") return data({ result: null, notice: null }, { status: 400 });
  const { intent, optionId } = submission.value;
  const result = await applyOptionRowIntent(db, actor, optionId, intent);
  const notice: Notice = { intent, result };
  return data({ result: null, notice }, { status: result === "not-found" ? 404 : 200 });
}

const DONE: Record<string, "pledgesAdmin.done.created" | "pledgesAdmin.done.saved"> = {
  created: "pledgesAdmin.done.created",
  saved: "pledgesAdmin.done.saved",
};

export default function PledgeOptionsPage() {
  const { organizerName, campaign, options, money } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const t = useT();
  const language = usePageLanguage();
  const base = `/org/c/${campaign.slug}`;
  // Row buttons post to the page itself without the ?done= notice, which would otherwise linger.
  const here = location.pathname;
  const done = DONE[searchParams.get("done") ?? ""];
  const notice = actionData?.notice;

  return (
    <OrgShell
      organizerName={organizerName}
      title={t("pledgesAdmin.title")}
      breadcrumbs={[
        { to: base, label: campaign.title },
        { to: `${base}/pledges`, label: t("pledgesAdmin.title") },
      ]}
    >
      <p className="muted">{t("pledgesAdmin.intro")}</p>
      {done && !actionData ? (
        <p className="notice notice--ok" role="status">
          {t(done)}
        </p>
      ) : null}
      {notice ? (
        <p className={notice.result === "not-found" ? "form-error" : "notice notice--ok"} role="status">
          {notice.result === "done" ? t(`pledgesAdmin.done.${notice.intent}`) : notice.result === "unchanged" ? t("pledgesAdmin.unchanged") : t("pledgesAdmin.notFound")}
        </p>
      ) : null}

      <section aria-labelledby="options-heading">
        <h2 id="options-heading">{t("pledgesAdmin.options")}</h2>
        {options.length === 0 ? (
          <p className="notice">{t("pledgesAdmin.none")}</p>
        ) : (
          <>
            {money.length > 0 ? (
              <dl className="stat-grid">
                {money.map((m) => (
                  <div className="stat" key={m.currency}>
                    <dt>{t("dashboard.moneyStat", { currency: m.currency })}</dt>
                    <dd>
                      {formatMoney(m.fulfilled, m.currency, language)} / {formatMoney(m.pledged, m.currency, language)}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
            <DataTable
              cards
              className="options-table"
              caption={t("pledgesAdmin.caption")}
              columns={[
                { label: t("pledgesAdmin.col.option") },
                { label: t("pledgesAdmin.col.pledged") },
                { label: t("pledgesAdmin.col.fulfilled") },
                { label: t("pledgesAdmin.col.goal") },
                { label: t("pledgesAdmin.col.actions") },
              ]}
            >
              {options.map((o, i) => {
                const who = t("pledgesAdmin.of", { title: o.title });
                return (
                  <tr key={o.id} className={o.retired ? "is-removed" : undefined} data-option-id={o.id}>
                    <OptionFigureCells option={o} />
                    <td className="table__actions-cell">
                      <div className="table__actions">
                        <Link to={`${base}/pledges/${o.id}`} className="button button--small">
                          {t("pledgesAdmin.list")} <span className="visually-hidden">{who}</span>
                        </Link>
                        <Link to={`${base}/pledges/${o.id}/edit`} className="button button--small">
                          {t("pledgesAdmin.edit")} <span className="visually-hidden">{who}</span>
                        </Link>
                        {i > 0 ? (
                          <PostButton action={here} fields={{ intent: "move-up", optionId: o.id }}>
                            {t("pledgesAdmin.moveUp")} <span className="visually-hidden">{who}</span>
                          </PostButton>
                        ) : null}
                        {i < options.length - 1 ? (
                          <PostButton action={here} fields={{ intent: "move-down", optionId: o.id }}>
                            {t("pledgesAdmin.moveDown")} <span className="visually-hidden">{who}</span>
                          </PostButton>
                        ) : null}
                        <PostButton
                          action={here}
                          fields={{ intent: o.retired ? "restore" : "retire", optionId: o.id }}
                          className={o.retired ? "button button--small" : "button button--small button--danger"}
                        >
                          {o.retired ? t("pledgesAdmin.restore") : t("pledgesAdmin.retire")} <span className="visually-hidden">{who}</span>
                        </PostButton>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </DataTable>
            <p className="hint">{t("pledgesAdmin.retireHint")}</p>
            <p className="hint">{t("pledgesAdmin.totalsNote")}</p>
          </>
        )}
      </section>

      <section aria-labelledby="add-option-heading" className="panel">
        <h2 id="add-option-heading">{t("pledgesAdmin.form.add")}</h2>
        <PledgeOptionForm
          // A fresh, empty form after each option added.
          key={`${options.length}`}
          id="add-option"
          intent="create"
          action={here}
          lastResult={actionData?.result}
          defaultValue={{ kind: "money", currency: "CAD" }}
          locked={null}
          submitLabel={t("pledgesAdmin.form.create")}
        />
      </section>
    </OrgShell>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary title="moderation.forbidden.title" body="pledgesAdmin.forbidden.body" />;
}
