import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CampaignBody } from "~/components/CampaignBody";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { StatusBadge } from "~/components/StatusBadge";
import { Thermometer } from "~/components/Thermometer";
import { requireCampaignRole, roleAtLeast } from "~/lib/access.server";
import { EDITOR_ROLE, organizerStatus } from "~/lib/campaign-admin.server";
import { campaignImageSrc } from "~/lib/campaign-images.server";
import { confirmedCount } from "~/lib/campaigns.server";
import { renderCampaignMarkdown } from "~/lib/markdown.server";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { formatDate } from "~/lib/dates";

/** Drafts are private: search engines must never index a preview, even if its address leaks. */
export const headers: HeadersFunction = () => ({ "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "private, no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Preview: ${data.campaign.title} · Picket` : "Picket" },
  { name: "robots", content: "noindex, nofollow" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organizer, role, campaign } = await requireCampaignRole(request, context, params.slug ?? "", "viewer");
  const src = campaignImageSrc(campaign);
  return {
    organizerName: organizer.name,
    canEdit: roleAtLeast(role, EDITOR_ROLE),
    // The page speaks the campaign's language, as the public page does.
    language: campaign.language,
    campaign: {
      slug: campaign.slug,
      title: campaign.title,
      target: campaign.target,
      goal: campaign.goal,
      count: await confirmedCount(context.runtime.db, campaign.id),
      status: organizerStatus(campaign),
      closesAt: campaign.closesAt?.toISOString() ?? null,
      bodyHtml: renderCampaignMarkdown(campaign.body),
      image: src ? { src, alt: campaign.imageAlt ?? "" } : null,
    },
  };
}

export default function CampaignPreview() {
  const { organizerName, canEdit, campaign } = useLoaderData<typeof loader>();
  const t = useT();
  const language = usePageLanguage();
  return (
    <OrgShell
      organizerName={organizerName}
      title={campaign.title}
      breadcrumbs={[
        { to: canEdit ? `/org/c/${campaign.slug}/edit` : `/org/c/${campaign.slug}/preview`, label: campaign.title },
        { to: `/org/c/${campaign.slug}/preview`, label: t("org.campaign.preview") },
      ]}
    >
      <div className="preview-banner" role="note">
        <strong>{t("org.campaign.preview")}</strong> <StatusBadge status={campaign.status} /> {t("preview.banner")}
        {campaign.status === "draft" ? <> {t("preview.draftNote")}</> : null}
        {canEdit ? (
          <>
            {" "}
            <Link to={`/org/c/${campaign.slug}/edit`}>{t("preview.back")}</Link>
          </>
        ) : null}
      </div>
      <article className="campaign campaign--preview">
        <div className="campaign__main">
          {campaign.image ? <img className="campaign__image" src={campaign.image.src} alt={campaign.image.alt} /> : null}
          <p className="target">{t("campaign.to", { target: campaign.target })}</p>
          <Thermometer count={campaign.count} goal={campaign.goal} />
          {campaign.status === "closed" ? (
            <p className="notice">{t("campaign.closed", { count: campaign.count })}</p>
          ) : campaign.closesAt ? (
            <p className="hint">
              {t("campaign.closesOn", { date: formatDate(campaign.closesAt, language) })}
            </p>
          ) : null}
          <CampaignBody html={campaign.bodyHtml} />
        </div>
        <aside className="campaign__side">
          {campaign.status === "closed" ? null : (
            <section className="panel">
              <h2>{t("campaign.signHeading")}</h2>
              <p className="hint">{t("preview.signDisabled")}</p>
            </section>
          )}
        </aside>
      </article>
    </OrgShell>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
