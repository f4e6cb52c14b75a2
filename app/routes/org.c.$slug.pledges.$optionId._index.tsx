import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { Pagination } from "~/components/Pagination";
import { OptionAmount, OptionGoal } from "~/components/PledgeOptionFigures";
import { PostButton } from "~/components/PostButton";
import { SignerNameCell } from "~/components/SignerNameCell";
import { parseForm, readFormData } from "~/lib/form-data.server";
import { decodeCursor } from "~/lib/keyset.server";
import { formatMoney } from "~/lib/money";
import { listOptionPledges, markPledgeFulfilled, type FulfilResult } from "~/lib/pledge-admin.server";
import { fulfilSchema, PLEDGE_LIST_SHOWS, type FulfilIntent, type PledgeListShow } from "~/lib/pledge-option-schema";
import { requirePledgeOption } from "~/lib/pledge-option-access.server";
import { optionTotals } from "~/lib/pledges.server";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { formatDateTime } from "~/lib/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.option.title} · Pledges · Picket` : "Picket" },
  { name: "robots", content: "noindex" },
];

/** The list's filters from the URL: they say nothing about a person. A bad value shows everything. */
function filtersFromUrl(url: URL): { show: PledgeListShow; includeRemoved: boolean } {
  const show = url.searchParams.get("show");
  return {
    show: (PLEDGE_LIST_SHOWS as readonly string[]).includes(show ?? "") ? (show as PledgeListShow) : "all",
    includeRemoved: url.searchParams.get("removed") === "on",
  };
}

function filterParams(filters: { show: PledgeListShow; includeRemoved: boolean }): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.show !== "all") params.set("show", filters.show);
  if (filters.includeRemoved) params.set("removed", "on");
  return params;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  // Names and addresses of the people who pledged: organizers and owners only.
  const { organizer, campaign, option } = await requirePledgeOption(request, context, params, "organizer");
  const { db } = context.runtime;
  const url = new URL(request.url);
  const filters = filtersFromUrl(url);
  const after = decodeCursor(url.searchParams.get("after"));
  const before = after ? null : decodeCursor(url.searchParams.get("before"));
  const [page, totals] = await Promise.all([listOptionPledges(db, option.id, filters, { after, before }), optionTotals(db, [option.id])]);
  const pageLink = (key: "after" | "before", cursor: string | null) => {
    if (!cursor) return null;
    const p = filterParams(filters);
    p.set(key, cursor);
    return `?${p.toString()}`;
  };
  return {
    organizerName: organizer.name,
    campaign: { slug: campaign.slug, title: campaign.title },
    option: {
      id: option.id,
      kind: option.kind,
      title: option.title,
      currency: option.currency,
      goal: option.goal,
      retired: option.retiredAt !== null,
      totals: totals.get(option.id)!,
    },
    filters,
    filtered: filters.show !== "all" || filters.includeRemoved,
    rows: page.rows.map((r) => ({
      id: r.id,
      name: `${r.firstName} ${r.lastName}`,
      email: r.email,
      amountMinor: r.amountMinor,
      confirmed: r.confirmed,
      removed: r.removed,
      pledgedAt: r.createdAt.toISOString(),
      fulfilledAt: r.fulfilledAt?.toISOString() ?? null,
    })),
    nextHref: pageLink("after", page.nextCursor),
    previousHref: pageLink("before", page.previousCursor),
  };
}

type Notice = { intent: FulfilIntent; result: FulfilResult };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organizer, campaign, option } = await requirePledgeOption(request, context, params, "organizer");
  const formData = await readFormData(request);
  const submission = parseForm(formData, { schema: fulfilSchema });
  if (submission.status !== "success") return data({ notice: null }, { status: 400 });
  const { intent, pledgeId } = submission.value;
  const result = await markPledgeFulfilled(context.runtime.db, { actorId: organizer.id, campaign }, option.id, pledgeId, intent === "fulfil");
  const notice: Notice = { intent, result };
  return data({ notice }, { status: result === "not-found" ? 404 : 200 });
}

export default function OptionPledgesPage() {
  const { organizerName, campaign, option, filters, filtered, rows, nextHref, previousHref } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = usePageLanguage();
  const location = useLocation();
  const base = `/org/c/${campaign.slug}`;
  const here = `${location.pathname}${location.search}`;
  const notice = actionData?.notice;
  const dateTime = (iso: string) => formatDateTime(iso, language);
  const amount = (minor: number | null) => (minor !== null && option.currency ? formatMoney(minor, option.currency, language) : "—");

  return (
    <OrgShell
      organizerName={organizerName}
      title={t("pledgeList.title", { title: option.title })}
      breadcrumbs={[
        { to: base, label: campaign.title },
        { to: `${base}/pledges`, label: t("pledgesAdmin.title") },
        { to: `${base}/pledges/${option.id}`, label: option.title },
      ]}
    >
      {option.retired ? <p className="notice">{t("pledgeList.retired")}</p> : null}
      <section aria-labelledby="pledge-summary-heading">
        <h2 id="pledge-summary-heading">{t("pledgeList.summary")}</h2>
        <dl className="stat-grid">
          <div className="stat">
            <dt>{t("pledgeList.fulfilled")}</dt>
            <dd>
              <OptionAmount option={option} which="fulfilled" />
            </dd>
          </div>
          <div className="stat">
            <dt>{t("pledgeList.pledged")}</dt>
            <dd>
              <OptionAmount option={option} which="pledged" />
            </dd>
          </div>
          <div className="stat">
            <dt>{t("pledgesAdmin.col.goal")}</dt>
            <dd>
              <OptionGoal option={option} />
            </dd>
          </div>
        </dl>
        <p className="hint">{t("pledgeList.countedNote")}</p>
      </section>

      <section className="panel filters" aria-labelledby="pledge-filters-heading">
        <h2 id="pledge-filters-heading">{t("pledgeList.filters")}</h2>
        {/* GET: these filters say nothing about a person, so they may live in the URL. */}
        <Form method="get" className="filters__form" key={JSON.stringify(filters)}>
          <div className="filters__row">
            <div className="field">
              <label htmlFor="pledge-show">{t("pledgeList.show")}</label>
              <select id="pledge-show" name="show" defaultValue={filters.show}>
                {PLEDGE_LIST_SHOWS.map((s) => (
                  <option key={s} value={s}>
                    {t(`pledgeList.show.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field field--checkbox">
            <input type="checkbox" id="pledge-removed" name="removed" value="on" defaultChecked={filters.includeRemoved} />
            <label htmlFor="pledge-removed">{t("pledgeList.includeRemoved")}</label>
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary">
              {t("pledgeList.apply")}
            </button>
          </div>
        </Form>
      </section>

      {notice ? (
        <p className={notice.result === "not-found" ? "form-error" : "notice notice--ok"} role="status">
          {notice.result === "done" ? t(`pledgeList.done.${notice.intent}`) : notice.result === "unchanged" ? t("pledgeList.unchanged") : t("pledgeList.notFound")}
        </p>
      ) : null}

      {rows.length === 0 ? (
        <p className="notice">{filtered ? t("pledgeList.empty") : t("pledgeList.nobody")}</p>
      ) : (
        <DataTable
          cards
          className="pledges-table"
          caption={t("pledgeList.caption")}
          columns={[
            { label: t("pledgeList.col.name") },
            { label: t("pledgeList.col.email") },
            ...(option.kind === "money" ? [{ label: t("pledgeList.col.amount"), numeric: true }] : []),
            { label: t("pledgeList.col.confirmed") },
            { label: t("pledgeList.col.pledgedAt") },
            { label: t("pledgeList.col.fulfilled") },
            { label: t("pledgeList.col.actions") },
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id} className={r.removed ? "is-removed" : undefined} data-pledge-id={r.id}>
              <SignerNameCell name={r.name} removed={r.removed} removedLabel={t("pledgeList.removedBadge")} />
              <td className="cell--wrap" data-label={t("pledgeList.col.email")}>
                {r.email}
              </td>
              {option.kind === "money" ? (
                <td className="num" data-label={t("pledgeList.col.amount")}>
                  {amount(r.amountMinor)}
                </td>
              ) : null}
              <td data-label={t("pledgeList.col.confirmed")}>{r.confirmed ? t("pledgeList.yes") : t("pledgeList.no")}</td>
              <td data-label={t("pledgeList.col.pledgedAt")}>
                <time dateTime={r.pledgedAt}>{dateTime(r.pledgedAt)}</time>
              </td>
              <td data-label={t("pledgeList.col.fulfilled")}>
                {r.fulfilledAt ? (
                  <>
                    {t("pledgeList.yes")} · <time dateTime={r.fulfilledAt}>{dateTime(r.fulfilledAt)}</time>
                  </>
                ) : (
                  t("pledgeList.no")
                )}
              </td>
              <td className="table__actions-cell">
                <div className="table__actions">
                  <PostButton action={here} fields={{ intent: r.fulfilledAt ? "unfulfil" : "fulfil", pledgeId: r.id }}>
                    {r.fulfilledAt ? t("pledgeList.markUnfulfilled") : t("pledgeList.markFulfilled")}{" "}
                    <span className="visually-hidden">{t("pledgeList.ofName", { name: r.name })}</span>
                  </PostButton>
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <Pagination previousHref={previousHref} nextHref={nextHref} />
      <p>
        <Link to={`${base}/pledges`}>{t("pledgesAdmin.form.cancel")}</Link>
      </p>
    </OrgShell>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary title="moderation.forbidden.title" body="pledgesAdmin.forbidden.body" />;
}
