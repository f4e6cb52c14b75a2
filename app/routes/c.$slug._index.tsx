import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CampaignBody } from "~/components/CampaignBody";
import { PledgeTotals } from "~/components/PledgeTotals";
import { SignForm } from "~/components/SignForm";
import { Thermometer } from "~/components/Thermometer";
import { campaignImageSrc } from "~/lib/campaign-images.server";
import { findPublicCampaign, publicStatus, recentPublicSigners } from "~/lib/campaigns.server";
import { countryName, countryOptions } from "~/lib/countries";
import { renderCampaignMarkdown } from "~/lib/markdown.server";
import { campaignMeta } from "~/lib/meta";
import { pledgerCookieHeader } from "~/lib/pledger-cookie.server";
import { listPledgeOptions, publicPledgeOptions } from "~/lib/pledges.server";
import { signFormSchema } from "~/lib/sign-schema";
import { signPetition } from "~/lib/signatures.server";
import { referralSource } from "~/lib/source";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { parseForm, readFormData } from "~/lib/form-data.server";
import { resolveEmailTypo } from "~/lib/email-typo";
import { formatDate } from "~/lib/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? campaignMeta(data.campaign) : [{ title: "Picket" }]);

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const { db, config } = context.runtime;
  const campaign = await findPublicCampaign(db, params.slug ?? "");
  if (!campaign) throw new Response("Not found", { status: 404 });
  const signers = await recentPublicSigners(db, campaign.id);
  const pledgeOptions = await publicPledgeOptions(db, campaign.id);
  const language = campaign.language;
  return {
    language,
    campaign: {
      slug: campaign.slug,
      title: campaign.title,
      summary: campaign.summary,
      bodyHtml: renderCampaignMarkdown(campaign.body),
      image: campaign.imageUrl ? { src: campaignImageSrc(campaign), alt: campaign.imageAlt ?? "" } : null,
      target: campaign.target,
      goal: campaign.goal,
      count: campaign.confirmedCount,
      status: publicStatus(campaign),
      closesAt: campaign.closesAt?.toISOString() ?? null,
      url: `${config.appUrl}/c/${campaign.slug}`,
      language,
    },
    signers: signers.map((s) => ({
      name: `${s.firstName} ${s.lastInitial}.`,
      country: countryName(s.country, language),
      message: s.message,
    })),
    countries: countryOptions(language),
    source: referralSource(new URL(request.url).searchParams),
    pledgeOptions,
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const { db, enqueueEmail, config } = context.runtime;
  const slug = params.slug ?? "";
  const formData = await readFormData(request);
  const campaign = await findPublicCampaign(db, slug);
  if (!campaign) throw new Response("Not found", { status: 404 });
  // Validated against the options the campaign offers now, not against what the form claims.
  const options = await listPledgeOptions(db, campaign.id);
  const submission = parseForm(formData, { schema: signFormSchema(options) });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { pledges, emailTypo, ...input } = submission.value;
  // A likely typo in the email's domain is asked about once before anything is stored.
  const typo = resolveEmailTypo(input.email, emailTypo);
  if (typo.status === "ask") {
    return data({ result: submission.reply(), emailTypo: { typed: typo.typed, suggestion: typo.suggestion } }, { status: 400 });
  }
  const outcome = await signPetition(db, enqueueEmail, {
    slug,
    input: { ...input, email: typo.email },
    pledges,
    source: referralSource(formData) ?? undefined,
    ipHash: context.ipHash,
  });
  if (outcome.status === "not-found") throw new Response("Not found", { status: 404 });
  if (outcome.status === "closed") {
    return data({ result: submission.reply({ formErrors: ["errors.closed"] }) }, { status: 409 });
  }
  if (outcome.status === "pledge-options-changed") {
    return data({ result: submission.reply({ fieldErrors: { pledges: ["errors.pledgeOption"] } }) }, { status: 400 });
  }
  if (outcome.confirmationRequired) return redirect(`/c/${slug}/check-email`);
  // Counted at once: thank them, and let a new signer pledge there without typing anything again.
  const headers = outcome.pledgerSignatureId ? { "Set-Cookie": await pledgerCookieHeader(config, slug, outcome.pledgerSignatureId) } : undefined;
  return redirect(`/c/${slug}/thank-you`, { headers });
}

export default function CampaignPage() {
  const { campaign, signers, countries, source, pledgeOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = usePageLanguage();
  const closed = campaign.status === "closed";
  return (
    <article className="campaign">
      <div className="campaign__main">
        {campaign.image?.src ? <img className="campaign__image" src={campaign.image.src} alt={campaign.image.alt} /> : null}
        <h1>{campaign.title}</h1>
        <p className="target">{t("campaign.to", { target: campaign.target })}</p>
        <Thermometer count={campaign.count} goal={campaign.goal} />
        {closed ? (
          <p className="notice" role="status">
            {t("campaign.closed", { count: campaign.count })}
          </p>
        ) : (
          <>
            {campaign.closesAt ? (
              <p className="hint">
                {t("campaign.closesOn", {
                  date: formatDate(campaign.closesAt, language),
                })}
              </p>
            ) : null}
            {/* On a phone the form is below the text: one tap takes people to it. */}
            <a href="#sign-heading" className="button button--primary jump-to-sign">
              {t("campaign.signNow")}
            </a>
          </>
        )}
        {/* After the call to sign, which stays near the top on a phone. */}
        <PledgeTotals options={pledgeOptions} />
        <CampaignBody html={campaign.bodyHtml} />
      </div>
      <aside className="campaign__side">
        {closed ? null : (
          <section className="panel" aria-labelledby="sign-heading">
            <h2 id="sign-heading">{t("campaign.signHeading")}</h2>
            <SignForm
              lastResult={actionData?.result}
              emailTypo={(actionData as { emailTypo?: { typed: string; suggestion: string } } | undefined)?.emailTypo}
              countries={countries} source={source} pledgeOptions={pledgeOptions} />
          </section>
        )}
        <section className="signers" aria-labelledby="signers-heading">
          <h2 id="signers-heading">{t("campaign.recentSigners")}</h2>
          {signers.length === 0 ? (
            <p>{t("campaign.noSignersYet")}</p>
          ) : (
            <ul>
              {signers.map((s, i) => (
                <li key={i}>
                  <strong>{s.name}</strong> <span className="muted">· {s.country}</span>
                  {s.message ? <blockquote>{s.message}</blockquote> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </aside>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary notFoundTitle="campaign.notFound.title" notFoundBody="campaign.notFound.body" />;
}
