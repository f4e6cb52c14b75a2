import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { StatusBadge } from "~/components/StatusBadge";
import { requireOrganizer, roleAtLeast } from "~/lib/access.server";
import { EDITOR_ROLE, listOrganizerCampaigns } from "~/lib/campaign-admin.server";
import { translator } from "~/lib/i18n";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { formatDateTime } from "~/lib/dates";

export const meta: MetaFunction = () => [{ title: `${translator("en")("org.title")} · Picket` }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request, context);
  const now = new Date();
  const groups = await listOrganizerCampaigns(context.runtime.db, organizer.id, now);
  return {
    organizerName: organizer.name,
    canCreate: groups.some((g) => roleAtLeast(g.role, EDITOR_ROLE)),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      role: g.role,
      canEdit: roleAtLeast(g.role, EDITOR_ROLE),
      campaigns: g.campaigns.map((c) => ({
        slug: c.slug,
        title: c.title,
        status: c.displayStatus,
        count: c.confirmedCount,
        goal: c.goal,
        closesAt: c.closesAt?.toISOString() ?? null,
        closedByDate: c.status === "open" && c.displayStatus === "closed",
      })),
    })),
  };
}

export default function OrganizerHome() {
  const { organizerName, canCreate, groups } = useLoaderData<typeof loader>();
  const t = useT();
  const language = usePageLanguage();
  const date = (iso: string) => formatDateTime(iso, language, { style: "long" });
  return (
    <OrgShell organizerName={organizerName} title={t("org.title")}>
      {canCreate ? (
        <p>
          <Link to="/org/campaigns/new" className="button button--primary">
            {t("org.newCampaign")}
          </Link>
        </p>
      ) : null}
      {groups.length === 0 ? <p>{t("org.noGroups")}</p> : null}
      {groups.map((g) => (
        <section key={g.id} className="org-group" aria-labelledby={`group-${g.id}`}>
          <h2 id={`group-${g.id}`}>{g.name}</h2>
          <p className="hint">
            {t("org.groupRole", { role: t(`org.role.${g.role}`) })}
            {g.role === "owner" ? (
              <>
                {" · "}
                <Link to={`/org/groups/${g.id}/members`}>{t("org.group.members")}</Link>
                {" · "}
                <Link to={`/org/groups/${g.id}/audit`}>{t("org.group.audit")}</Link>
              </>
            ) : null}
          </p>
          {g.campaigns.length === 0 ? (
            <p>{t("org.noCampaigns")}</p>
          ) : (
            <ul className="org-campaigns">
              {g.campaigns.map((c) => (
                <li key={c.slug} className="card org-campaign">
                  <h3>
                    {c.status !== "draft" ? <Link to={`/org/c/${c.slug}`}>{c.title}</Link> : g.canEdit ? <Link to={`/org/c/${c.slug}/edit`}>{c.title}</Link> : c.title}{" "}
                    <StatusBadge status={c.status} />
                  </h3>
                  <p>
                    {t("org.campaign.count", { count: c.count, goal: c.goal })}
                    {c.closesAt ? (
                      <>
                        {" · "}
                        {c.closedByDate ? t("org.campaign.closedOn", { date: date(c.closesAt) }) : t("org.campaign.closesOn", { date: date(c.closesAt) })}
                      </>
                    ) : null}
                  </p>
                  <p className="org-links">
                    {g.canEdit ? (
                      <>
                        <Link to={`/org/c/${c.slug}/edit`} aria-label={`${t("org.campaign.edit")}: ${c.title}`}>
                          {t("org.campaign.edit")}
                        </Link>
                        {" · "}
                      </>
                    ) : null}
                    <Link to={`/org/c/${c.slug}/preview`} aria-label={`${t("org.campaign.preview")}: ${c.title}`}>
                      {t("org.campaign.preview")}
                    </Link>
                    {c.status !== "draft" ? (
                      <>
                        {" · "}
                        <Link to={`/org/c/${c.slug}`} aria-label={`${t("org.campaign.dashboard")}: ${c.title}`}>
                          {t("org.campaign.dashboard")}
                        </Link>
                        {" · "}
                        <Link to={`/c/${c.slug}`} aria-label={`${t("org.campaign.public")}: ${c.title}`}>
                          {t("org.campaign.public")}
                        </Link>
                      </>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </OrgShell>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
