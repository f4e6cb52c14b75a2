import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { PledgeOptionForm } from "~/components/PledgeOptionForm";
import { parseForm, readFormData } from "~/lib/form-data.server";
import { optionHasPledges, updatePledgeOption } from "~/lib/pledge-admin.server";
import { requirePledgeOption } from "~/lib/pledge-option-access.server";
import { pledgeOptionDefaults, pledgeOptionSchema, type PledgeOptionLock } from "~/lib/pledge-option-schema";
import { useT } from "~/lib/use-translation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.option.title} · Pledges · Picket` : "Picket" },
  { name: "robots", content: "noindex" },
];

/** The option, and whether its kind and currency are fixed by pledges already made. */
async function requireOption(request: Request, context: AppLoadContext, params: Record<string, string | undefined>) {
  const access = await requirePledgeOption(request, context, params, "organizer");
  const { option } = access;
  const locked: PledgeOptionLock | null = (await optionHasPledges(context.runtime.db, option.id)) ? { kind: option.kind, currency: option.currency } : null;
  return { ...access, locked };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organizer, campaign, option, locked } = await requireOption(request, context, params);
  return {
    organizerName: organizer.name,
    campaign: { slug: campaign.slug, title: campaign.title },
    option: { id: option.id, title: option.title },
    locked,
    defaultValue: pledgeOptionDefaults(option),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organizer, campaign, option, locked } = await requireOption(request, context, params);
  const formData = await readFormData(request);
  const submission = parseForm(formData, { schema: pledgeOptionSchema({ locked }) });
  if (formData.get("intent") !== "save" || submission.status !== "success") {
    return data({ result: submission.reply(), locked }, { status: 400 });
  }
  const saved = await updatePledgeOption(context.runtime.db, { actorId: organizer.id, campaign }, option.id, submission.value);
  if (saved.status === "not-found") throw new Response("Not found", { status: 404 });
  if (saved.status === "locked") {
    // Someone pledged between the page load and this save: the form now shows kind and currency as fixed.
    const key = saved.field === "kind" ? "pledgesAdmin.errors.kindLocked" : "pledgesAdmin.errors.currencyLocked";
    return data({ result: submission.reply({ formErrors: [key] }), locked: { kind: option.kind, currency: option.currency } }, { status: 409 });
  }
  return redirect(`/org/c/${campaign.slug}/pledges?done=saved`);
}

export default function EditPledgeOptionPage() {
  const { organizerName, campaign, option, locked, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const base = `/org/c/${campaign.slug}`;
  return (
    <OrgShell
      organizerName={organizerName}
      title={t("pledgesAdmin.form.editTitle", { title: option.title })}
      breadcrumbs={[
        { to: base, label: campaign.title },
        { to: `${base}/pledges`, label: t("pledgesAdmin.title") },
        { to: `${base}/pledges/${option.id}/edit`, label: option.title },
      ]}
    >
      <PledgeOptionForm
        id="edit-option"
        intent="save"
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        locked={actionData?.locked ?? locked}
        submitLabel={t("pledgesAdmin.form.save")}
      />
      <p>
        <Link to={`${base}/pledges`}>{t("pledgesAdmin.form.cancel")}</Link>
      </p>
    </OrgShell>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary title="moderation.forbidden.title" body="pledgesAdmin.forbidden.body" />;
}
