import { z } from "zod";
import type { PledgeKind } from "../../db/schema";
import { amountInputValue, CURRENCIES, parseAmount, type Currency } from "./money";
import { hasNoUnsafeChars, isSingleLineSafe } from "./text-rules";
import { err } from "./form-errors";

/**
 * The pledge option form (organizers add and edit what supporters may pledge), shared by the
 * server and the browser. Error messages are i18n keys, with a number after a colon when the
 * message needs one, as in sign-schema.ts.
 *
 * Once an option has pledges its kind and currency are fixed (the pledges are in that currency,
 * and the totals are summed in it): the page shows them read-only and a different value posted
 * anyway is refused.
 */
export const OPTION_KINDS = ["money", "action"] as const satisfies readonly PledgeKind[];
export const OPTION_TITLE_MAX = 120;
export const OPTION_DESCRIPTION_MAX = 500;
export const SUGGESTED_AMOUNTS_MAX = 6;
/** A money goal up to 100,000,000.00; a typo guard, not a policy. */
export const MONEY_GOAL_MAX_MINOR = 10_000_000_000;
/** An action goal up to ten million people, like a campaign's signature goal. */
export const ACTION_GOAL_MAX = 10_000_000;
/** Options per campaign: a page of choices a supporter can read on a phone. */
export const OPTIONS_PER_CAMPAIGN_MAX = 20;


/** "1 500 000", "250000.50" → minor units, up to MONEY_GOAL_MAX_MINOR; null otherwise. */
export function parseMoneyGoal(text: string): number | null {
  const cleaned = text.trim().replace(/^[$€£]\s*/, "").replace(/[\s\u00A0\u202F]/g, "");
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return minor > 0 && minor <= MONEY_GOAL_MAX_MINOR ? minor : null;
}

/** "2500", "2 500", "2,500" → 2500 people; null for anything else ("1.5", "-3", "1e3"). */
export function parsePeople(text: string): number | null {
  const cleaned = text.trim().replace(/[\s\u00A0\u202F]/g, "");
  if (!/^(\d{1,8}|\d{1,3}(,\d{3}){1,2})$/.test(cleaned)) return null;
  const people = Number(cleaned.replace(/,/g, ""));
  return people >= 1 && people <= ACTION_GOAL_MAX ? people : null;
}

/** "10, 25; 50" → [1000, 2500, 5000] (sorted, no repeats); null when one of them is not an amount. */
export function parseSuggestedAmounts(text: string): number[] | null {
  const parts = text
    .split(/[;\n]|,\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  // "10,50" alone is ten and a half (a decimal comma), "10, 50" is two amounts.
  const amounts: number[] = [];
  for (const part of parts) {
    const minor = parseAmount(part);
    if (minor === null) return null;
    amounts.push(minor);
  }
  return [...new Set(amounts)].sort((a, b) => a - b);
}

/** The suggested amounts as the form shows them: "10, 25, 50". */
export function suggestedAmountsInputValue(amounts: readonly number[] | null | undefined): string {
  return (amounts ?? []).map(amountInputValue).join(", ");
}

export interface PledgeOptionLock {
  kind: PledgeKind;
  currency: string | null;
}

export interface PledgeOptionValue {
  kind: PledgeKind;
  title: string;
  description: string | null;
  /** Money only. */
  currency: Currency | null;
  /** Money only, minor units ascending; null for actions. */
  suggestedAmounts: number[] | null;
  /** Minor units for money, people for an action. */
  goal: number | null;
}

const optionalText = (max: number, safe: (v: string) => boolean) =>
  z
    .string()
    .trim()
    .max(max, err("errors.tooLong", max))
    .refine(safe, err("errors.invalidChars"))
    .optional();

/**
 * The schema for a new option (`locked` absent) or for editing one that has pledges (`locked`
 * holds its stored kind and currency).
 */
export function pledgeOptionSchema(options: { locked?: PledgeOptionLock | null } = {}) {
  const locked = options.locked ?? null;
  return z
    .object({
      kind: locked ? z.string().optional() : z.enum(OPTION_KINDS, { error: err("pledgesAdmin.errors.kind") }),
      title: z
        .string({ error: err("errors.required") })
        .trim()
        .min(1, err("errors.required"))
        .max(OPTION_TITLE_MAX, err("errors.tooLong", OPTION_TITLE_MAX))
        .refine(isSingleLineSafe, err("errors.invalidChars")),
      description: optionalText(OPTION_DESCRIPTION_MAX, hasNoUnsafeChars),
      currency: z.string().trim().max(3, err("pledgesAdmin.errors.currency")).optional(),
      suggested: optionalText(200, isSingleLineSafe),
      goal: optionalText(40, isSingleLineSafe),
    })
    .transform((input, ctx): PledgeOptionValue => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      let kind = input.kind as PledgeKind;
      let currency: Currency | null = null;
      if (locked) {
        if (input.kind !== undefined && input.kind !== locked.kind) issue("kind", err("pledgesAdmin.errors.kindLocked"));
        if (locked.kind === "money" && input.currency !== undefined && input.currency !== locked.currency) {
          issue("currency", err("pledgesAdmin.errors.currencyLocked"));
        }
        kind = locked.kind;
        currency = locked.kind === "money" ? (locked.currency as Currency) : null;
      } else if (kind === "money") {
        const found = CURRENCIES.find((c) => c === input.currency);
        if (found) currency = found;
        else issue("currency", err("pledgesAdmin.errors.currency"));
      }

      let suggestedAmounts: number[] | null = null;
      if (kind === "money") {
        suggestedAmounts = parseSuggestedAmounts(input.suggested ?? "");
        if (suggestedAmounts === null) issue("suggested", err("pledgesAdmin.errors.suggested"));
        else if (suggestedAmounts.length > SUGGESTED_AMOUNTS_MAX) issue("suggested", err("pledgesAdmin.errors.suggestedCount", SUGGESTED_AMOUNTS_MAX));
        else if (suggestedAmounts.length === 0) suggestedAmounts = null;
      }

      let goal: number | null = null;
      const goalText = input.goal ?? "";
      if (goalText !== "") {
        if (kind === "money") {
          goal = parseMoneyGoal(goalText);
          if (goal === null) issue("goal", err("pledgesAdmin.errors.moneyGoal"));
        } else {
          const people = parsePeople(goalText);
          if (people !== null) goal = people;
          else issue("goal", err("pledgesAdmin.errors.actionGoal", ACTION_GOAL_MAX));
        }
      }

      return {
        kind,
        title: input.title,
        description: input.description ? input.description.replace(/\r\n?/g, "\n") : null,
        currency,
        suggestedAmounts,
        goal,
      };
    });
}

/** The form's values as the controls hold them. */
export type PledgeOptionDefaults = Partial<Record<"kind" | "title" | "description" | "currency" | "suggested" | "goal", string>>;

/** A stored option as the form's default values. */
export function pledgeOptionDefaults(option: {
  kind: PledgeKind;
  title: string;
  description: string | null;
  currency: string | null;
  suggestedAmounts: number[] | null;
  goal: number | null;
}): PledgeOptionDefaults {
  return {
    kind: option.kind,
    title: option.title,
    description: option.description ?? "",
    currency: option.currency ?? "",
    suggested: suggestedAmountsInputValue(option.suggestedAmounts),
    goal: option.goal === null ? "" : option.kind === "money" ? amountInputValue(option.goal) : String(option.goal),
  };
}

/** The buttons on the option list (reorder, retire, restore): an intent and the option they act on. */
export const OPTION_ROW_INTENTS = ["move-up", "move-down", "retire", "restore"] as const;
export type OptionRowIntent = (typeof OPTION_ROW_INTENTS)[number];

/** A database id written plainly (pledges are bigserial: up to 2^53, far beyond any real table). */
const rowId = z
  .string()
  .regex(/^[1-9]\d{0,14}$/)
  .transform(Number);

/** pledge_options.id is a Postgres integer: at most nine digits here (see text-rules parseId). */
const optionId = z
  .string()
  .regex(/^[1-9]\d{0,8}$/)
  .transform(Number);

export const optionRowSchema = z.object({
  intent: z.enum(OPTION_ROW_INTENTS),
  optionId,
});

export const FULFIL_INTENTS = ["fulfil", "unfulfil"] as const;
export type FulfilIntent = (typeof FULFIL_INTENTS)[number];

export const fulfilSchema = z.object({
  intent: z.enum(FULFIL_INTENTS),
  pledgeId: rowId,
});

/** The pledge list's filter, from the URL (it says nothing about a person). */
export const PLEDGE_LIST_SHOWS = ["all", "fulfilled", "unfulfilled"] as const;
export type PledgeListShow = (typeof PLEDGE_LIST_SHOWS)[number];
