import { z } from "zod";
import { COUNTRY_CODES } from "./countries";
import type { MessageKey } from "./i18n";
import { EMAIL_TYPO_CHOICES } from "./email-typo";
import { checkAmount, type AmountProblem } from "./money";
import { hasNoUnsafeChars, isSingleLineSafe } from "./text-rules";
import { err } from "./form-errors";

export const NAME_MAX = 100;
export const MESSAGE_MAX = 500;


// Spreadsheets run a cell starting with = + - @ as a formula; links in names are how spam starts.
const FORMULA_START = /^[=+\-@]/;
const WEB_ADDRESS = /(https?:\/\/|www\.|\b[a-z0-9-]+\.(com|net|org|info|ru|cn|xyz|top|io|ly|co|me|biz|click|link)\b)/i;


const personName = z
  .string({ error: err("errors.required") })
  .trim()
  .min(1, err("errors.required"))
  .max(NAME_MAX, err("errors.tooLong", NAME_MAX))
  .refine((v) => !FORMULA_START.test(v), err("errors.nameUnsafe"))
  .refine((v) => !WEB_ADDRESS.test(v), err("errors.nameLink"))
  .refine(isSingleLineSafe, err("errors.invalidChars"));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, err("errors.tooLong", max))
    .refine(hasNoUnsafeChars, err("errors.invalidChars"))
    .optional()
    .transform((v) => (v ? v : undefined));

const signFields = {
  firstName: personName,
  lastName: personName,
  email: z
    .string({ error: err("errors.required") })
    .trim()
    .max(254, err("errors.tooLong", 254))
    .pipe(z.email({ error: err("errors.email") })),
  country: z.enum(COUNTRY_CODES, { error: err("errors.country") }),
  postalCode: optionalText(20),
  organization: optionalText(200),
  message: optionalText(MESSAGE_MAX),
  showName: z.boolean().default(false),
  updatesOptIn: z.boolean().default(false),
  /** Honeypot: invisible to people, filled in by naive bots. */
  website: z.string().optional(),
};

/** The answer to "Did you mean …?" about the email's domain (see email-typo.ts). */
const emailTypo = z.enum(EMAIL_TYPO_CHOICES, { error: err("errors.invalid") }).optional();

/** The person signing: what signPetition stores in the signature row. */
export const signSchema = z.object(signFields);

export type SignInput = z.infer<typeof signSchema>;

/**
 * What the pledge fields need to know about an option. The server builds the schema from the
 * campaign's current options (never from what the form claims), the browser from the same list
 * in the loader data, so both validate alike.
 */
export interface PledgeOptionRule {
  id: number;
  kind: "money" | "action";
}

/** The most options one form posts; a campaign shows a handful. */
export const PLEDGE_ENTRIES_MAX = 50;
const AMOUNT_TEXT_MAX = 32;

const AMOUNT_ERRORS: Record<AmountProblem, MessageKey> = {
  format: "errors.amountFormat",
  decimals: "errors.amountDecimals",
  positive: "errors.amountPositive",
  max: "errors.amountMax",
};

/**
 * One entry per option shown: `pledges[i].optionId` (hidden), `.chosen` (the checkbox), and for
 * money `.preset` (a suggested amount, a radio) and `.amount` (typed "other amount", which wins
 * when filled). Parses to the chosen options only, money in minor units.
 */
export function pledgeEntriesSchema(options: readonly PledgeOptionRule[]) {
  const entry = z.object({
    optionId: z.number({ error: err("errors.pledgeOption") }).int().positive().max(2_147_483_647, err("errors.pledgeOption")),
    chosen: z.boolean().default(false),
    preset: z.string().max(AMOUNT_TEXT_MAX, err("errors.amountFormat")).optional(),
    amount: z.string().max(AMOUNT_TEXT_MAX, err("errors.amountFormat")).optional(),
  });
  return z
    .array(entry, { error: err("errors.pledgeOption") })
    .max(PLEDGE_ENTRIES_MAX, err("errors.pledgeOption"))
    .default([])
    .transform((entries, ctx) => {
      const choices: { optionId: number; amountMinor: number | null }[] = [];
      const seen = new Set<number>();
      entries.forEach((e, i) => {
        if (!e.chosen) return;
        const option = options.find((o) => o.id === e.optionId);
        // Retired meanwhile, another campaign's, or made up: the whole fieldset says so.
        if (!option || seen.has(e.optionId)) {
          ctx.addIssue({ code: "custom", path: [], message: err("errors.pledgeOption") });
          return;
        }
        seen.add(e.optionId);
        if (option.kind === "action") {
          choices.push({ optionId: option.id, amountMinor: null });
          return;
        }
        const text = e.amount?.trim() || e.preset?.trim();
        if (!text) {
          ctx.addIssue({ code: "custom", path: [i, "amount"], message: err("errors.amountRequired") });
          return;
        }
        const checked = checkAmount(text);
        if (!checked.ok) {
          ctx.addIssue({ code: "custom", path: [i, "amount"], message: err(AMOUNT_ERRORS[checked.problem]) });
          return;
        }
        choices.push({ optionId: option.id, amountMinor: checked.minor });
      });
      return choices;
    });
}

/** The sign form: the person, and what they pledge (if the campaign asks for pledges). */
export function signFormSchema(options: readonly PledgeOptionRule[]) {
  return z.object({ ...signFields, emailTypo, pledges: pledgeEntriesSchema(options) });
}

/** The thank-you page's form: the pledges alone; the signature comes from the pledge cookie. */
export function pledgeFormSchema(options: readonly PledgeOptionRule[]) {
  return z.object({ pledges: pledgeEntriesSchema(options) });
}


export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
