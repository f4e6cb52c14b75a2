import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { UpdateForm } from "~/components/UpdateForm";
import { requireCampaignRole } from "~/lib/access.server";
import { countryOptions } from "~/lib/countries";
import { parseForm, readFormData } from "~/lib/form-data.server";
import { formatDate } from "~/lib/dates";
import { formatNumber } from "~/lib/i18n";
import { updateSchema } from "~/lib/update-schema";
import { createUpdateDraft, filterableOptions, listUpdates } from "~/lib/updates.server";
import { usePageLanguage, useT } from "~/lib/use-translation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.campaign.title} · Updates · Picket` : "Picket" },
  { name: "robots", content: "noindex" },
];

/** Updates speak to signers in the campaign's name: organizers and owners only. */
const UPDATE_ROLE = "organizer";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organizer, campaign } = await requireCampaignRole(request, context, params.slug ?? "", UPDATE_ROLE);
  const { db } = context.runtime;
  const [list, options] = await Promise.all([listUpdates(db, campaign.id), filterableOptions(db, campaign.id)]);
  return {
    organizerName: organizer.name,
    campaign: { slug: campaign.slug, title: campaign.title },
    updates: list.map((u) => ({ ...u, createdAt: u.createdAt.toISOString().slice(0, 10) })),
    countries: countryOptions("en"),
    options,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organizer, campaign } = await requireCampaignRole(request, context, params.slug ?? "", UPDATE_ROLE);
  const formData = await readFormData(request);
  const submission = parseForm(formData, { schema: updateSchema });
  if (formData.get("intent") !== "create" || submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const created = await createUpdateDraft(context.runtime.db, { actorId: organizer.id, campaign }, submission.value);
  if (created.status !== "saved") {
    return data({ result: submission.reply({ fieldErrors: { optionId: ["updates.errors.option"] } }) }, { status: 400 });
  }
  return redirect(`/org/c/${campaign.slug}/updates/${created.update.id}`);
}

export default function UpdatesPage() {
  const { organizerName, campaign, updates, countries, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = usePageLanguage();
  const base = `/org/c/${campaign.slug}`;
  return (
    <OrgShell
      organizerName={organizerName}
      title={t("updates.title")}
      breadcrumbs={[
        { to: base, label: campaign.title },
        { to: `${base}/updates`, label: t("updates.title") },
      ]}
    >
      <p>{t("updates.intro")}</p>
      <section aria-labelledby="updates-list-heading">
        <h2 id="updates-list-heading">{t("updates.list")}</h2>
        {updates.length === 0 ? (
          <p className="notice">{t("updates.none")}</p>
        ) : (
          <DataTable
            columns={[{ label: t("updates.col.subject") }, { label: t("updates.col.status") }, { label: t("updates.col.recipients"), numeric: true }, { label: t("updates.col.created") }]}
          >
            {updates.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <Link to={`${base}/updates/${u.id}`}>{u.subject}</Link>
                </th>
                <td>{t(`updates.status.${u.status}`)}</td>
                <td className="num">{u.total === null ? "—" : formatNumber(u.total, language)}</td>
                <td>{formatDate(u.createdAt, language, "short")}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="new-update-heading">
        <h2 id="new-update-heading">{t("updates.new")}</h2>
        <UpdateForm
          id="new-update"
          intent="create"
          lastResult={actionData?.result}
          defaultValue={{ subject: "", body: "", country: "", optionId: "" }}
          countries={countries}
          options={options}
        />
      </section>
    </OrgShell>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary title="moderation.forbidden.title" body="updates.forbidden.body" />;
}
