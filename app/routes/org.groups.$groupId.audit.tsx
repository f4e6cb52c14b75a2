import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { Pagination } from "~/components/Pagination";
import { requireGroupRole } from "~/lib/access.server";
import { groupName, listAuditLog } from "~/lib/audit.server";
import { describeAuditEntry } from "~/lib/audit-log";
import { languageFromHeader, translator } from "~/lib/i18n";
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
  const language = languageFromHeader(request.headers.get("accept-language"));
  const t = translator(language);
  return {
    organizerName: organizer.name,
    group: { id: groupId, name: name ?? "" },
    rows: page.rows.map((r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      // Written here, where the names are: the page only shows the sentence.
      sentence: describeAuditEntry(r, t, language),
      campaign: r.campaign,
    })),
    nextHref: page.nextCursor ? `?after=${page.nextCursor}` : null,
    previousHref: page.previousCursor ? `?before=${page.previousCursor}` : null,
  };
}

export default function AuditLog() {
  const { organizerName, group, rows, nextHref, previousHref } = useLoaderData<typeof loader>();
  const t = useT();
  const language = usePageLanguage();
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
            { label: t("audit.col.what") },
            { label: t("audit.col.campaign") },
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <time dateTime={r.at}>
                  {formatDateTime(r.at, language, { seconds: true })}
                </time>
              </td>
              <td>{r.sentence}</td>
              <td>{r.campaign ? <Link to={`/org/c/${r.campaign.slug}`}>{r.campaign.title}</Link> : t("audit.noCampaign")}</td>
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
