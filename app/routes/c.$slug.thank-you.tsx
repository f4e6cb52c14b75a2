import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ShareLinks } from "~/components/ShareLinks";
import { Thermometer } from "~/components/Thermometer";
import { requirePublicCampaign } from "~/lib/campaign-loader.server";
import { campaignMeta } from "~/lib/meta";
import { useT } from "~/lib/use-translation";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [...campaignMeta(data.campaign), { name: "robots", content: "noindex" }] : [{ title: "Picket" }];

export async function loader(args: LoaderFunctionArgs) {
  const campaign = await requirePublicCampaign(args);
  const url = `${args.context.runtime.config.appUrl}/c/${campaign.slug}`;
  return {
    language: campaign.language,
    campaign: {
      slug: campaign.slug,
      title: campaign.title,
      summary: campaign.summary,
      url,
      shareUrl: `${url}?ref=share`,
      language: campaign.language,
      count: campaign.confirmedCount,
      goal: campaign.goal,
    },
  };
}

export default function ThankYou() {
  const { campaign } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="panel narrow" aria-labelledby="thanks-title">
      <h1 id="thanks-title">{t("thanks.title")}</h1>
      <p className="lead">{t("thanks.body", { title: campaign.title })}</p>
      <Thermometer count={campaign.count} goal={campaign.goal} />
      <h2>{t("thanks.share")}</h2>
      <ShareLinks url={campaign.shareUrl} title={campaign.title} />
      <p>
        <Link to={`/c/${campaign.slug}`}>{t("thanks.back")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary notFoundTitle="campaign.notFound.title" notFoundBody="campaign.notFound.body" />;
}
