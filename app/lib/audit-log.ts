import { countryName } from "./countries";
import { formatDateTime } from "./dates";
import type { MessageKey, Translate } from "./i18n";
import type { Language } from "./languages";

/**
 * Every action the audit log records, and how the log page says it: one sentence per entry,
 * with the names of the people, campaign, options and updates involved. The stored details hold
 * ids only (recordAudit); the names are looked up when the log is read (listAuditLog), so an
 * entry about someone whose account or signature is gone still reads as a sentence.
 */
export const AUDIT_ACTIONS = [
  "group.create",
  "member.add",
  "member.role-change",
  "member.remove",
  "member.invite",
  "member.invite-revoke",
  "member.join",
  "campaign.create",
  "campaign.update",
  "campaign.publish",
  "campaign.close",
  "campaign.reopen",
  "pledge-option.create",
  "pledge-option.update",
  "pledge-option.move",
  "pledge-option.retire",
  "pledge-option.restore",
  "pledge.fulfil",
  "pledge.unfulfil",
  "signature.hide-message",
  "signature.show-message",
  "signature.remove",
  "signature.restore",
  "signers.export",
  "update.send",
  "update.cancel",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The names an entry's ids stand for, null when the thing is gone (or the entry has none). */
export interface AuditNames {
  actor: string | null;
  campaign: string | null;
  /** The member an entry is about (details.organizerId). */
  member: string | null;
  /** Who sent the invitation a member joined with (details.invitedBy). */
  inviter: string | null;
  /** The pledge option (details.optionId). */
  option: string | null;
  /** The signer whose signature or pledge it is (details.signatureId or details.pledgeId). */
  signer: string | null;
  /** The update's subject (details.updateId). */
  update: string | null;
}

export interface AuditEntryToDescribe {
  action: string;
  details: Record<string, unknown>;
  names: AuditNames;
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function isAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

/** One entry as a sentence: "Ana Pérez hid Rosa Luxemburg's message on “Keep the post office open”." */
export function describeAuditEntry(entry: AuditEntryToDescribe, t: Translate, language: Language): string {
  const { details, names } = entry;
  const quoted = (name: string | null, gone: MessageKey) => (name ? `“${name}”` : t(gone));
  const role = (v: unknown) => {
    const r = str(v);
    return r === "owner" || r === "organizer" || r === "viewer" ? t(`org.role.${r}`) : t("audit.someRole");
  };
  const fields = (v: unknown) => {
    const list = Array.isArray(v) ? v.filter((f): f is string => typeof f === "string") : [];
    const labels = list.map((f) => {
      const key = `audit.field.${f}` as MessageKey;
      return f in FIELD_KEYS ? t(key) : f;
    });
    return labels.length > 0 ? new Intl.ListFormat(language, { type: "conjunction" }).format(labels) : t("audit.nothing");
  };
  const vars = {
    actor: names.actor ?? (str(details.via) === "cli" ? t("audit.commandLine") : t("audit.noAccount")),
    campaign: quoted(names.campaign, "audit.goneCampaign"),
    member: names.member ?? t("audit.goneMember"),
    inviter: names.inviter ?? t("audit.goneMember"),
    option: quoted(names.option, "audit.goneOption"),
    signer: names.signer ?? t("audit.goneSigner"),
    update: quoted(names.update, "audit.goneUpdate"),
  };
  const sentence = (key: MessageKey, extra: Record<string, string | number> = {}) => capitalize(t(key, { ...vars, ...extra }));

  if (!isAction(entry.action)) return sentence("audit.entry.unknown", { action: entry.action });
  switch (entry.action) {
    case "group.create":
      return sentence("audit.entry.group.create");
    case "member.add":
      return sentence("audit.entry.member.add", { role: role(details.role) });
    case "member.role-change":
      return sentence("audit.entry.member.role-change", { from: role(details.from), to: role(details.to) });
    case "member.remove":
      return sentence("audit.entry.member.remove", { role: role(details.role) });
    case "member.invite":
      return sentence("audit.entry.member.invite", { role: role(details.role) });
    case "member.invite-revoke":
      return sentence("audit.entry.member.invite-revoke");
    case "member.join":
      return sentence("audit.entry.member.join", { role: role(details.role) });
    case "campaign.create":
      return sentence("audit.entry.campaign.create");
    case "campaign.update":
      return sentence("audit.entry.campaign.update", { fields: fields(details.fields) });
    case "campaign.publish":
    case "campaign.close":
    case "campaign.reopen": {
      const closesAt = str(details.closesAt);
      const closing = !("closesAt" in details)
        ? ""
        : closesAt
          ? t("audit.closesOn", { date: formatDateTime(closesAt, language, { style: "long" }) })
          : t("audit.noClosingDate");
      return sentence(`audit.entry.${entry.action}`, { closing });
    }
    case "pledge-option.create":
      return sentence("audit.entry.pledge-option.create");
    case "pledge-option.update":
      return sentence("audit.entry.pledge-option.update", { fields: fields(details.fields) });
    case "pledge-option.move":
      return sentence(details.direction === "up" ? "audit.entry.pledge-option.move-up" : "audit.entry.pledge-option.move-down", {
        position: num(details.position) ?? 0,
      });
    case "pledge-option.retire":
    case "pledge-option.restore":
    case "pledge.fulfil":
    case "pledge.unfulfil":
    case "signature.hide-message":
    case "signature.show-message":
    case "signature.remove":
    case "signature.restore":
    case "update.cancel":
      return sentence(`audit.entry.${entry.action}`);
    case "update.send": {
      return sentence("audit.entry.update.send", { recipients: num(details.recipients) ?? 0, audience: updateAudience(details, names, t, language) });
    }
    case "signers.export":
      return exportSentence(details, sentence, t, language);
  }
}

/** A sentence may start with a name that is a phrase ("a since-deleted account joined…"). */
const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** The campaign and pledge option fields an edit can name. */
const FIELD_KEYS = {
  title: true,
  summary: true,
  body: true,
  target: true,
  goal: true,
  language: true,
  closesAt: true,
  requireConfirmation: true,
  slug: true,
  imageUrl: true,
  imageAlt: true,
  kind: true,
  description: true,
  currency: true,
  suggestedAmounts: true,
} as const;

/** " in Canada who pledged “Strike fund”": a sent update's filters, if it had any. */
function updateAudience(details: Record<string, unknown>, names: AuditNames, t: Translate, language: Language): string {
  const parts: string[] = [];
  const country = str(details.country);
  if (country) parts.push(t("audit.toCountry", { country: countryName(country, language) }));
  if (num(details.optionId) !== null) parts.push(t("audit.toOption", { option: names.option ? `“${names.option}”` : t("audit.goneOption") }));
  return parts.length > 0 ? ` ${parts.join(" ")}` : "";
}

function exportSentence(
  details: Record<string, unknown>,
  sentence: (key: MessageKey, extra?: Record<string, string | number>) => string,
  t: Translate,
  language: Language,
): string {
  const filters: string[] = [];
  const country = str(details.country);
  if (country) filters.push(t("audit.export.country", { country: countryName(country, language) }));
  if (details.updatesOnly === true) filters.push(t("audit.export.updatesOnly"));
  const from = str(details.from);
  const to = str(details.to);
  if (from && to) filters.push(t("audit.export.between", { from, to }));
  else if (from) filters.push(t("audit.export.since", { from }));
  else if (to) filters.push(t("audit.export.until", { to }));
  const outcome =
    details.outcome === "complete"
      ? t("audit.export.complete", { rows: num(details.rows) ?? 0 })
      : details.outcome === "stopped"
        ? t("audit.export.stopped")
        : t("audit.export.started");
  return sentence("audit.entry.signers.export", {
    status: details.status === "all" ? t("audit.export.all") : t("audit.export.confirmed"),
    filters: filters.length > 0 ? ` ${new Intl.ListFormat(language, { type: "conjunction" }).format(filters)}` : "",
    via: details.via === "cli" ? t("audit.export.viaCli") : t("audit.export.viaWeb"),
    outcome,
  });
}
