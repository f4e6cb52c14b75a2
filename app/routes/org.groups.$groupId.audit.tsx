import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { Pagination } from "~/components/Pagination";
import { requireGroupRole } from "~/lib/access.server";
import { groupName, listAuditLog } from "~/lib/audit.server";
import type { MessageKey } from "~/lib/i18n";
import { decodeCursor } from "~/lib/keyset.server";
import { parseId } from "~/lib/text-rules";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { formatDateTime } from "~/lib/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.group.name} · Audit log · Picket` : "Picket" }];

/** The group's audit log: owners only (it says who moderated whom and when). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const groupId = parseId(params.groupId) ?? Number.NaN;
  const { organizer } = await requireGroupRole(request, context, groupId, "owner");
  const { db } = context.runtime;
  const url = new URL(request.url);
  const after = decodeCursor(url.searchParams.get("after"));
  const before = after ? null : decodeCursor(url.searchParams.get("before"));
  const [name, page] = await Promise.all([groupName(db, groupId), listAuditLog(db, groupId, { after, before })]);
  return {
    organizerName: organizer.name,
    group: { id: groupId, name: name ?? "" },
    rows: page.rows.map((r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      action: r.action,
      actorName: r.actorName,
      campaign: r.campaign,
      // Details hold ids and counts by design (recordAudit); shown as they are, as text.
      details: Object.entries(r.details).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)] as const),
    })),
    nextHref: page.nextCursor ? `?after=${page.nextCursor}` : null,
    previousHref: page.previousCursor ? `?before=${page.previousCursor}` : null,
  };
}

export default function AuditLog() {
  const { organizerName, group, rows, nextHref, previousHref } = useLoaderData<typeof loader>();
  const t = useT();
  const language = usePageLanguage();
  const actionLabel = (action: string) => {
    const key = `audit.action.${action}`;
    const label = t(key as MessageKey);
    // An action this page has no words for yet is shown by its code.
    return label === key || label === undefined ? action : label;
  };
  return (
    <OrgShell
      organizerName={organizerName}
      title={t("audit.title")}
      breadcrumbs={[{ to: `/org/groups/${group.id}/audit`, label: `${group.name} · ${t("audit.title")}` }]}
    >
      <p className="muted">{t("audit.intro", { group: group.name })}</p>
      {rows.length === 0 ? (
        <p className="notice">{t("audit.empty")}</p>
      ) : (
        <DataTable
          columns={[
            { label: t("audit.col.when") },
            { label: t("audit.col.who") },
            { label: t("audit.col.action") },
            { label: t("audit.col.campaign") },
            { label: t("audit.col.details") },
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <time dateTime={r.at}>
                  {formatDateTime(r.at, language, { seconds: true })}
                </time>
              </td>
              <td>{r.actorName ?? <span className="muted">{t("audit.noActor")}</span>}</td>
              <td>{actionLabel(r.action)}</td>
              <td>{r.campaign ? <Link to={`/org/c/${r.campaign.slug}`}>{r.campaign.title}</Link> : t("audit.noCampaign")}</td>
              <td>
                {r.details.length === 0 ? null : (
                  <ul className="plain-list">
                    {r.details.map(([key, value]) => (
                      <li key={key}>{key === "signatureId" ? t("audit.signature", { id: value }) : `${key}: ${value}`}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination previousHref={previousHref} nextHref={nextHref} />
    </OrgShell>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary />;
}
