import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePublicCampaign } from "~/lib/campaign-loader.server";
import { translator } from "~/lib/i18n";
import { useT } from "~/lib/use-translation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${translator(data?.language ?? "en")("checkEmail.title")} · Picket` },
  { name: "robots", content: "noindex" },
];

/**
 * Shown after every accepted submission, new email or not: the page reveals nothing about who
 * has signed.
 */
export async function loader(args: LoaderFunctionArgs) {
  const campaign = await requirePublicCampaign(args);
  return {
    language: campaign.language,
    slug: campaign.slug,
    title: campaign.title,
    confirmationRequired: campaign.requireConfirmation,
  };
}

export default function CheckEmail() {
  const { slug, title, confirmationRequired } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="panel narrow" aria-labelledby="check-title">
      {confirmationRequired ? (
        <>
          <h1 id="check-title">{t("checkEmail.title")}</h1>
          <p className="lead">{t("checkEmail.body")}</p>
          <p className="hint">{t("checkEmail.spam")}</p>
        </>
      ) : (
        <h1 id="check-title">{t("checkEmail.noConfirmation")}</h1>
      )}
      <p>
        <Link to={`/c/${slug}`}>{t("thanks.back")}</Link> · <span className="muted">{title}</span>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary notFoundTitle="campaign.notFound.title" notFoundBody="campaign.notFound.body" />;
}
