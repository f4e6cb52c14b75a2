import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Thermometer } from "~/components/Thermometer";
import { listOpenCampaigns } from "~/lib/campaigns.server";
import { languageFromHeader, translator } from "~/lib/i18n";
import { useT } from "~/lib/use-translation";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = translator(data?.language ?? "en");
  const title = `${t("home.title")} · ${t("site.name")}`;
  return [
    { title },
    { name: "description", content: t("home.intro") },
    { property: "og:title", content: title },
    { property: "og:description", content: t("home.intro") },
    { property: "og:type", content: "website" },
  ];
};

export async function loader({ context, request }: LoaderFunctionArgs) {
  const campaigns = await listOpenCampaigns(context.runtime.db);
  return {
    language: languageFromHeader(request.headers.get("accept-language")),
    campaigns: campaigns.map((c) => ({
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      target: c.target,
      goal: c.goal,
      count: c.confirmedCount,
    })),
  };
}

export default function Index() {
  const { campaigns } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      {campaigns.length === 0 ? <p>{t("home.empty")}</p> : null}
      <ul className="campaign-list">
        {campaigns.map((c) => (
          <li key={c.slug} className="card">
            <h2>
              <Link to={`/c/${c.slug}`}>{c.title}</Link>
            </h2>
            <p className="target">{t("campaign.to", { target: c.target })}</p>
            <p>{c.summary}</p>
            <Thermometer count={c.count} goal={c.goal} />
            <Link to={`/c/${c.slug}`} className="button" aria-hidden="true" tabIndex={-1}>
              {t("home.signCta")}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
