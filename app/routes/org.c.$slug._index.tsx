import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { DataTable } from "~/components/DataTable";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { OptionFigureCells } from "~/components/PledgeOptionFigures";
import { SignaturesChart } from "~/components/SignaturesChart";
import { Thermometer } from "~/components/Thermometer";
import { roleAtLeast, requireCampaignRole } from "~/lib/access.server";
import { campaignCounts, pledgeTotals, signaturesPerDay, topCountries, topSources } from "~/lib/campaign-stats.server";
import { countryName } from "~/lib/countries";
import { formatNumber, languageFromHeader } from "~/lib/i18n";
import { formatMoney } from "~/lib/money";
import { usePageLanguage, useT } from "~/lib/use-translation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.campaign.title} · Picket` : "Picket" }];

const CHART_DAYS = 30;

/** The campaign dashboard: figures only, no signer's personal data, so viewers may see it too. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organizer, role, campaign } = await requireCampaignRole(request, context, params.slug ?? "", "viewer");
  const { db } = context.runtime;
  const locale = languageFromHeader(request.headers.get("accept-language"));
  const [counts, perDay, countries, sources, pledges] = await Promise.all([
    campaignCounts(db, campaign.id),
    signaturesPerDay(db, campaign.id, CHART_DAYS),
    topCountries(db, campaign.id),
    topSources(db, campaign.id),
    pledgeTotals(db, campaign.id),
  ]);
  return {
    organizerName: organizer.name,
    canModerate: roleAtLeast(role, "organizer"),
    isOwner: role === "owner",
    campaign: {
      slug: campaign.slug,
      title: campaign.title,
      status: campaign.status,
      goal: campaign.goal,
      groupId: campaign.groupId,
    },
    counts,
    perDay,
    countries: countries.map((c) => ({ ...c, name: countryName(c.key, locale) })),
    sources,
    pledges,
  };
}

export default function CampaignDashboard() {
  const { organizerName, canModerate, isOwner, campaign, counts, perDay, countries, sources, pledges } = useLoaderData<typeof loader>();
  const t = useT();
  const language = usePageLanguage();
  const num = (v: number) => formatNumber(v, language);
  const base = `/org/c/${campaign.slug}`;
  return (
    <OrgShell organizerName={organizerName} title={campaign.title} breadcrumbs={[{ to: base, label: campaign.title }]}>
      <p className="muted">{t("dashboard.status", { status: t(`dashboard.status.${campaign.status}`) })}</p>

      <nav aria-labelledby="manage-heading" className="dashboard__links">
        <h2 id="manage-heading" className="visually-hidden">
          {t("dashboard.manage")}
        </h2>
        <ul className="link-list">
          {canModerate ? (
            <li>
              <Link to={`${base}/signers`} className="button button--primary">
                {t("dashboard.signers")}
              </Link>
            </li>
          ) : null}
          {canModerate ? (
            <li>
              <Link to={`${base}/pledges`} className="button">
                {t("dashboard.pledges")}
              </Link>
            </li>
          ) : null}
          {canModerate ? (
            <li>
              <Link to={`${base}/updates`} className="button">
                {t("dashboard.updates")}
              </Link>
            </li>
          ) : null}
          {canModerate ? (
            <li>
              <Link to={`${base}/export`} className="button">
                {t("export.link")}
              </Link>
            </li>
          ) : null}
          {canModerate ? (
            <li>
              <Link to={`${base}/edit`} className="button">
                {t("dashboard.edit")}
              </Link>
            </li>
          ) : null}
          <li>
            <Link to={`${base}/preview`} className="button">
              {t("dashboard.preview")}
            </Link>
          </li>
          {campaign.status !== "draft" ? (
            <li>
              <a href={`/c/${campaign.slug}`} className="button">
                {t("dashboard.publicPage")}
              </a>
            </li>
          ) : null}
          {isOwner && campaign.groupId !== null ? (
            <li>
              <Link to={`/org/groups/${campaign.groupId}/audit`} className="button">
                {t("dashboard.auditLog")}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
      {canModerate ? null : <p className="notice">{t("dashboard.viewerNote")}</p>}

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">{t("dashboard.figures")}</h2>
        <Thermometer count={counts.confirmed} goal={campaign.goal} />
        <dl className="stat-grid">
          <div className="stat">
            <dt>{t("dashboard.confirmed")}</dt>
            <dd data-testid="confirmed-count">{num(counts.confirmed)}</dd>
          </div>
          <div className="stat">
            <dt>{t("dashboard.unconfirmed")}</dt>
            <dd data-testid="unconfirmed-count">
              {counts.unconfirmedCapped ? t("dashboard.unconfirmedCapped", { count: counts.unconfirmed }) : num(counts.unconfirmed)}
            </dd>
          </div>
          <div className="stat">
            <dt>{t("dashboard.goal")}</dt>
            <dd>{num(campaign.goal)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="days-heading">
        <h2 id="days-heading">{t("dashboard.days", { days: CHART_DAYS })}</h2>
        <SignaturesChart days={perDay} />
      </section>

      <PledgeSection pledges={pledges} />

      <div className="dashboard__tables">
        <TopTable
          id="countries-heading"
          heading={t("dashboard.topCountries")}
          column={t("dashboard.country")}
          rows={countries.map((c) => ({ ...c, label: c.name }))}
        />
        <TopTable
          id="sources-heading"
          heading={t("dashboard.topSources")}
          hint={t("dashboard.sourceHint")}
          column={t("dashboard.source")}
          rows={sources.map((s) => ({
            ...s,
            key: s.key ?? "",
            label: s.key ?? <span className="muted">{t("dashboard.noSource")}</span>,
          }))}
        />
      </div>
      <p className="hint">{t("dashboard.countsNote")}</p>
    </OrgShell>
  );
}

/** Pledged and fulfilled per option (figures only: viewers see them too). */
function PledgeSection({ pledges }: { pledges: ReturnType<typeof useLoaderData<typeof loader>>["pledges"] }) {
  const t = useT();
  const language = usePageLanguage();
  return (
    <section aria-labelledby="pledges-heading">
      <h2 id="pledges-heading">{t("dashboard.pledgeTotals")}</h2>
      {pledges.options.length === 0 ? (
        <p>{t("dashboard.noPledgeOptions")}</p>
      ) : (
        <>
          {pledges.money.length > 0 ? (
            <dl className="stat-grid">
              {pledges.money.map((m) => (
                <div className="stat" key={m.currency}>
                  <dt>{t("dashboard.moneyStat", { currency: m.currency })}</dt>
                  <dd data-testid={`money-${m.currency}`}>
                    {formatMoney(m.fulfilled, m.currency, language)} / {formatMoney(m.pledged, m.currency, language)}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          <DataTable
            caption={t("dashboard.pledgeCaption")}
            columns={[{ label: t("pledgesAdmin.col.option") }, { label: t("pledgesAdmin.col.pledged") }, { label: t("pledgesAdmin.col.fulfilled") }, { label: t("pledgesAdmin.col.goal") }]}
          >
            {pledges.options.map((o) => (
              <tr key={o.id}>
                <OptionFigureCells option={o} />
              </tr>
            ))}
          </DataTable>
          <p className="hint">{t("pledgesAdmin.totalsNote")}</p>
        </>
      )}
    </section>
  );
}

/**
 * A "top N" table (countries, sources) under its own heading: confirmed signatures, and apart
 * from them those still waiting for their confirmation email.
 */
function TopTable(props: { id: string; heading: string; hint?: string; column: string; rows: { key: string; label: ReactNode; confirmed: number; unconfirmed: number }[] }) {
  const t = useT();
  const language = usePageLanguage();
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      {props.hint ? <p className="hint">{props.hint}</p> : null}
      {props.rows.length === 0 ? (
        <p>{t("dashboard.nobodyYet")}</p>
      ) : (
        <DataTable
          columns={[{ label: props.column }, { label: t("dashboard.signatures"), numeric: true }, { label: t("dashboard.notConfirmed"), numeric: true }]}
        >
          {props.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">{formatNumber(row.confirmed, language)}</td>
              <td className="num muted">{formatNumber(row.unconfirmed, language)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary />;
}
