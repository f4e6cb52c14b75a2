import { useEffect, useRef } from "react";
import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { CheckboxField, Field } from "~/components/Field";
import { CountryDateFields } from "~/components/CountryDateFields";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { Pagination } from "~/components/Pagination";
import { PostButton } from "~/components/PostButton";
import { SignerNameCell } from "~/components/SignerNameCell";
import { requireCampaignRole } from "~/lib/access.server";
import { countryName, countryOptions } from "~/lib/countries";
import { languageFromHeader } from "~/lib/i18n";
import { applyModeration, decodeCursor, listSigners, type ModerationResult } from "~/lib/moderation.server";
import { moderationSchema, signerFiltersSchema, SIGNER_STATUSES, type ModerationIntent } from "~/lib/moderation-schema";
import { readSignerSearch, signerSearchCookie } from "~/lib/signer-search.server";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { fitsSchema, parseForm, readFormData } from "~/lib/form-data.server";
import { formatDateTime } from "~/lib/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.campaign.title} · Signers · Picket` : "Picket" }];

/** The filters that say nothing about a person, as URL parameters (the search is not one: see signer-search.server.ts). */
function filterParams(filters: { status: string; country?: string | undefined; from?: string | undefined; to?: string | undefined; removed: boolean }) {
  const params = new URLSearchParams();
  if (filters.status !== "all") params.set("status", filters.status);
  if (filters.country) params.set("country", filters.country);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.removed) params.set("removed", "on");
  return params;
}

function filtersFromUrl(url: URL) {
  const params = new URLSearchParams(url.searchParams);
  params.delete("q"); // never read a search from a URL, even a hand-made one
  // A hand-edited or stale link with a bad value (or a name twice) shows everything rather than an error page.
  const submission = fitsSchema(params, signerFiltersSchema) ? parseWithZod(params, { schema: signerFiltersSchema }) : null;
  return submission?.status === "success" ? submission.value : { status: "all" as const, removed: false, country: undefined, from: undefined, to: undefined };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  // Names, emails and messages: organizers and owners only; viewers get a 403.
  const { organizer, campaign } = await requireCampaignRole(request, context, params.slug ?? "", "organizer");
  const { db, config } = context.runtime;
  const url = new URL(request.url);
  const filters = filtersFromUrl(url);
  const search = await readSignerSearch(request, config, campaign.id);
  const after = decodeCursor(url.searchParams.get("after"));
  const before = after ? null : decodeCursor(url.searchParams.get("before"));
  const page = await listSigners(
    db,
    campaign.id,
    { search, status: filters.status, country: filters.country, from: filters.from, to: filters.to, includeRemoved: filters.removed },
    { after, before },
  );
  const locale = languageFromHeader(request.headers.get("accept-language"));
  const pageLink = (key: "after" | "before", cursor: string | null) => {
    if (!cursor) return null;
    const p = filterParams(filters);
    p.set(key, cursor);
    return `?${p.toString()}`;
  };
  return {
    organizerName: organizer.name,
    campaign: { slug: campaign.slug, title: campaign.title },
    filters: { ...filters, q: search ?? "" },
    filtered: Boolean(search || filters.country || filters.from || filters.to || filters.status !== "all" || filters.removed),
    rows: page.rows.map((r) => ({
      id: r.id,
      name: `${r.firstName} ${r.lastName}`,
      email: r.email,
      country: countryName(r.country, locale),
      confirmed: r.confirmedAt !== null,
      signedAt: r.createdAt.toISOString(),
      message: r.message,
      messageHidden: r.messageHidden,
      removed: r.removed,
    })),
    nextHref: pageLink("after", page.nextCursor),
    previousHref: pageLink("before", page.previousCursor),
    countries: countryOptions(locale),
  };
}

type Notice = { intent: ModerationIntent; result: ModerationResult; signatureId: number };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const slug = params.slug ?? "";
  const { organizer, campaign } = await requireCampaignRole(request, context, slug, "organizer");
  const { db, config } = context.runtime;
  const formData = await readFormData(request);
  const intent = formData.get("intent");

  if (intent === "filter" || intent === "clear") {
    const submission = parseForm(formData, { schema: signerFiltersSchema });
    if (intent === "filter" && submission.status !== "success") {
      return data({ result: submission.reply(), notice: null }, { status: 400 });
    }
    const filters = intent === "filter" && submission.status === "success" ? submission.value : null;
    const query = filters ? filterParams(filters).toString() : "";
    return redirect(`/org/c/${slug}/signers${query ? `?${query}` : ""}`, {
      headers: { "Set-Cookie": await signerSearchCookie(request, config, slug, campaign.id, filters?.q) },
    });
  }

  const submission = parseForm(formData, { schema: moderationSchema });
  if (submission.status !== "success") return data({ result: null, notice: null }, { status: 400 });
  const { intent: step, signatureId } = submission.value;
  const result = await applyModeration(db, { organizerId: organizer.id, campaign }, signatureId, step);
  const notice: Notice = { intent: step, result, signatureId };
  return data({ result: null, notice }, { status: result === "not-found" ? 404 : 200 });
}

export default function Signers() {
  const { organizerName, campaign, filters, filtered, rows, nextHref, previousHref, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = usePageLanguage();
  const location = useLocation();
  const base = `/org/c/${campaign.slug}`;
  // Moderation buttons post back to this very page (filters and cursor kept), so the list stays put.
  const here = `${location.pathname}${location.search}`;
  const notice = actionData?.notice;
  const dateTime = (iso: string) => formatDateTime(iso, language);

  return (
    <OrgShell
      organizerName={organizerName}
      title={t("signers.title")}
      breadcrumbs={[
        { to: base, label: campaign.title },
        { to: `${base}/signers`, label: t("signers.title") },
      ]}
    >
      {/* Keyed on the applied filters: after applying or clearing, the form shows what is in force. */}
      <FilterForm key={JSON.stringify(filters)} base={base} filters={filters} filtered={filtered} countries={countries} lastResult={actionData?.result} />

      {notice ? <ModerationNotice notice={notice} action={here} /> : null}

      {rows.length === 0 ? (
        <p className="notice">{filtered ? t("signers.empty") : t("signers.nobody")}</p>
      ) : (
        <DataTable
          cards
          className="signers-table"
          caption={t("signers.caption")}
          columns={[
            { label: t("signers.col.name") },
            { label: t("signers.col.email") },
            { label: t("signers.col.country") },
            { label: t("signers.col.confirmed") },
            { label: t("signers.col.signedAt") },
            { label: t("signers.col.message") },
            { label: t("signers.col.actions") },
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id} className={r.removed ? "is-removed" : undefined} data-signature-id={r.id}>
              <SignerNameCell name={r.name} removed={r.removed} removedLabel={t("signers.removedBadge")} />
              <td className="cell--wrap" data-label={t("signers.col.email")}>{r.email}</td>
              <td data-label={t("signers.col.country")}>{r.country}</td>
              <td data-label={t("signers.col.confirmed")}>{r.confirmed ? t("signers.yes") : t("signers.no")}</td>
              <td data-label={t("signers.col.signedAt")}>
                <time dateTime={r.signedAt}>{dateTime(r.signedAt)}</time>
              </td>
              <td className="cell--wrap signers-table__message" data-label={t("signers.col.message")}>
                {r.message ? (
                  <>
                    {r.messageHidden ? <span className="badge">{t("signers.hiddenBadge")}</span> : null}
                    <span className={r.messageHidden ? "muted" : undefined}>{r.message}</span>
                  </>
                ) : null}
              </td>
              <td className="table__actions-cell">
                <div className="table__actions">
                  {r.message ? (
                    <ModerationButton
                      action={here}
                      intent={r.messageHidden ? "show-message" : "hide-message"}
                      signatureId={r.id}
                      label={r.messageHidden ? t("signers.show") : t("signers.hide")}
                      who={t("signers.of", { name: r.name })}
                    />
                  ) : null}
                  <ModerationButton
                    action={here}
                    intent={r.removed ? "restore" : "remove"}
                    signatureId={r.id}
                    label={r.removed ? t("signers.restore") : t("signers.remove")}
                    who={t("signers.of", { name: r.name })}
                    danger={!r.removed}
                  />
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <Pagination previousHref={previousHref} nextHref={nextHref} />
    </OrgShell>
  );
}

const DATES_HINT_ID = "signer-dates-hint";

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function FilterForm({
  base,
  filters,
  filtered,
  countries,
  lastResult,
}: {
  base: string;
  filters: LoaderData["filters"];
  filtered: boolean;
  countries: LoaderData["countries"];
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const [form, fields] = useValidatedForm({
    id: "signer-filters",
    lastResult,
    defaultValue: { ...filters, removed: filters.removed ? "on" : undefined },
    constraint: getZodConstraint(signerFiltersSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signerFiltersSchema }),
  });
  return (
    <section className="panel filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t("signers.filters")}</h2>
      {/* POST: the search is personal data and must not land in a URL (see signer-search.server.ts). */}
      <Form method="post" action={`${base}/signers`} {...getFormProps(form)} className="filters__form">
        <Field id={fields.q.id} label={t("signers.search")} hint={t("signers.searchHint")} errors={fields.q.errors} className="filters__search">
          {(describedBy) => (
            <input {...getInputProps(fields.q, { type: "search" })} autoComplete="off" spellCheck={false} aria-describedby={describedBy} />
          )}
        </Field>
        <div className="filters__row">
          <Field id={fields.status.id} label={t("signers.status")} errors={fields.status.errors}>
            {(describedBy) => (
              <select {...getSelectProps(fields.status)} aria-describedby={describedBy}>
                {SIGNER_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`signers.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <CountryDateFields country={fields.country} from={fields.from} to={fields.to} countries={countries} datesHintId={DATES_HINT_ID} />
        </div>
        <p className="hint" id={DATES_HINT_ID}>
          {t("signers.datesHint")}
        </p>
        <CheckboxField id={fields.removed.id} label={t("signers.includeRemoved")}>
          {(describedBy) => <input {...getInputProps(fields.removed, { type: "checkbox" })} aria-describedby={describedBy} />}
        </CheckboxField>
        <div className="button-row">
          <button type="submit" name="intent" value="filter" className="button button--primary" disabled={busy}>
            {t("signers.apply")}
          </button>
          {filtered ? (
            <button type="submit" name="intent" value="clear" className="button" formNoValidate>
              {t("signers.clear")}
            </button>
          ) : null}
        </div>
      </Form>
    </section>

  );
}

/** One moderation step as a plain POST form: works without JavaScript. */
function ModerationButton({
  action,
  intent,
  signatureId,
  label,
  who,
  danger = false,
}: {
  action: string;
  intent: ModerationIntent;
  signatureId: number;
  label: string;
  /** Told to screen readers, so each button in the table says whose row it acts on. */
  who: string;
  danger?: boolean;
}) {
  return (
    <PostButton action={action} fields={{ intent, signatureId }} className={danger ? "button button--small button--danger" : "button button--small"}>
      {label} <span className="visually-hidden">{who}</span>
    </PostButton>
  );
}

function ModerationNotice({ notice, action }: { notice: Notice; action: string }) {
  const t = useT();
  const text =
    notice.result === "not-found"
      ? t("signers.notFound")
      : notice.result === "unchanged"
        ? t("signers.unchanged")
        : t(`signers.done.${notice.intent}`);
  const undo: ModerationIntent | null =
    notice.result !== "done"
      ? null
      : ({ "hide-message": "show-message", "show-message": "hide-message", remove: "restore", restore: "remove" } as const)[notice.intent];
  // A removed row can take the focused button with it; then focus goes to this notice (and its
  // Undo) instead of falling back to the top of the document.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) ref.current?.focus();
  }, [notice]);
  return (
    <div ref={ref} tabIndex={-1} className={notice.result === "not-found" ? "form-error" : "notice notice--ok"} role="status">
      <span>{text}</span>
      {undo ? (
        <PostButton action={action} fields={{ intent: undo, signatureId: notice.signatureId }} className="link-button" formClassName="inline-form">
          {t("signers.undo")}
        </PostButton>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary />;
}
