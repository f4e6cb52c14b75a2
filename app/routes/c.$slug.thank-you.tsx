import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { PledgeFields, pledgeDefaults, type PledgeFieldOption } from "~/components/PledgeFields";
import { PledgeTotals } from "~/components/PledgeTotals";
import { ShareLinks } from "~/components/ShareLinks";
import { Thermometer } from "~/components/Thermometer";
import { requirePublicCampaign } from "~/lib/campaign-loader.server";
import { isAcceptingSignatures } from "~/lib/campaigns.server";
import { parseForm, readFormData } from "~/lib/form-data.server";
import { campaignMeta } from "~/lib/meta";
import { readPledgerCookie } from "~/lib/pledger-cookie.server";
import { changeSignerPledges, listPledgeOptions, publicPledgeOptions, signerPledges } from "~/lib/pledges.server";
import { pledgeFormSchema } from "~/lib/sign-schema";
import { translateError } from "~/lib/form-errors";
import { useT } from "~/lib/use-translation";
import { FormErrors } from "~/components/InputField";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [...campaignMeta(data.campaign), { name: "robots", content: "noindex" }] : [{ title: "Picket" }];

/**
 * Thanks, the count, sharing and the pledge totals, for everyone. The person who has just
 * confirmed (or signed a campaign without confirmation) also gets their pledges to change: the
 * pledge cookie says which signature is theirs; without it there is no form.
 */
/** The page may show a supporter's own pledges: never kept by a shared cache or the back/forward cache of a shared computer. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader(args: LoaderFunctionArgs) {
  const campaign = await requirePublicCampaign(args);
  const { db, config } = args.context.runtime;
  const url = `${config.appUrl}/c/${campaign.slug}`;
  const pledgeOptions = await publicPledgeOptions(db, campaign.id);
  const signatureId = pledgeOptions.length > 0 ? await readPledgerCookie(config, campaign.slug, args.request) : null;
  const saved = signatureId === null ? null : await signerPledges(db, campaign.id, signatureId);
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
      open: isAcceptingSignatures(campaign),
    },
    pledgeOptions,
    myPledges: saved,
  };
}

export async function action(args: ActionFunctionArgs) {
  const campaign = await requirePublicCampaign(args);
  const { db, config } = args.context.runtime;
  const formData = await readFormData(args.request);
  const options = await listPledgeOptions(db, campaign.id);
  const submission = parseForm(formData, { schema: pledgeFormSchema(options) });
  const signatureId = await readPledgerCookie(config, campaign.slug, args.request);
  if (signatureId === null) {
    return data({ result: submission.reply({ formErrors: ["errors.pledgeExpired"] }) }, { status: 403 });
  }
  if (!isAcceptingSignatures(campaign)) {
    return data({ result: submission.reply({ formErrors: ["pledge.closed"] }) }, { status: 409 });
  }
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await changeSignerPledges(db, { campaignId: campaign.id, signatureId, choices: submission.value.pledges });
  if (outcome === "not-found") {
    return data({ result: submission.reply({ formErrors: ["errors.pledgeExpired"] }) }, { status: 403 });
  }
  if (outcome === "invalid-options") {
    return data({ result: submission.reply({ fieldErrors: { pledges: ["errors.pledgeOption"] } }) }, { status: 400 });
  }
  // Back to a GET, so reloading the page does not post again; "saved" says nothing about anyone.
  return redirect(`/c/${campaign.slug}/thank-you?saved=1`);
}

export default function ThankYou() {
  const { campaign, pledgeOptions, myPledges } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const saved = searchParams.get("saved") === "1" && !actionData;
  const formErrors = actionData?.result.error?.[""] ?? [];
  return (
    <section className="panel narrow" aria-labelledby="thanks-title">
      <h1 id="thanks-title">{t("thanks.title")}</h1>
      <p className="lead">{t("thanks.body", { title: campaign.title })}</p>
      <Thermometer count={campaign.count} goal={campaign.goal} />
      {/* Sharing first: it is what grows the campaign. Pledges follow. */}
      <h2 id="share-heading">{t("thanks.share")}</h2>
      <ShareLinks url={campaign.shareUrl} title={campaign.title} />
      {saved ? (
        <p className="notice" role="status">
          {t("pledge.saved")}
        </p>
      ) : null}
      <PledgeTotals options={pledgeOptions} />
      {myPledges && campaign.open ? (
        <MyPledges
          key={JSON.stringify(myPledges)}
          options={pledgeOptions}
          saved={myPledges}
          lastResult={actionData?.result}
        />
      ) : formErrors.length ? (
        <p className="notice" role="alert">
          {formErrors.map((e) => translateError(t, e)).join(" ")}
        </p>
      ) : null}
      <p>
        <Link to={`/c/${campaign.slug}`}>{t("thanks.back")}</Link>
      </p>
    </section>
  );
}

function MyPledges({
  options,
  saved,
  lastResult,
}: {
  options: PledgeFieldOption[];
  saved: { optionId: number; amountMinor: number | null }[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const schema = useMemo(() => pledgeFormSchema(options), [options]);
  const [form] = useValidatedForm({
    id: "pledge",
    lastResult,
    defaultValue: { pledges: pledgeDefaults(options, saved) },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="pledge-heading">
      <h2 id="pledge-heading">{t("pledge.thanksHeading")}</h2>
      <Form method="post" className="sign-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <PledgeFields
          formId={form.id}
          options={options}
          initialValue={form.initialValue}
          allErrors={form.allErrors}
          legend={t("pledge.thanksLegend")}
          intro={t("pledge.thanksIntro")}
        />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? t("pledge.thanksSubmitting") : t("pledge.thanksSubmit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary notFoundTitle="campaign.notFound.title" notFoundBody="campaign.notFound.body" />;
}
