import { z } from "zod";
import type { CampaignStatus } from "../../db/schema";
import { LANGUAGES } from "./languages";
import { FIRST_YEAR, hasNoUnsafeChars, LAST_YEAR } from "./text-rules";
import { err } from "./form-errors";

/**
 * The campaign authoring form, shared by the server and the browser. As in sign-schema.ts, error
 * messages are i18n keys, with a number after a colon when the message needs one.
 *
 * The rules depend on where the form is used (creating, or editing a draft or a published
 * campaign), so the schema is built by `campaignSchema(options)`; the page passes the browser the
 * same options its loader used.
 */
export const TITLE_MAX = 150;
export const SLUG_MAX = 80;
export const SUMMARY_MAX = 300;
export const BODY_MAX = 20_000;
export const TARGET_MAX = 200;
/** More signatures than any petition has gathered; a typo guard, not a policy. */
export const GOAL_MAX = 10_000_000;
export const IMAGE_ALT_MAX = 250;
export const IMAGE_URL_MAX = 2000;
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];


// Letters NFKD does not split into a base letter and an accent.
const LIGATURES: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ł: "l", þ: "th", ð: "d", ı: "i" };

/** "Grève à l'usine Ça Va!" → "greve-a-l-usine-ca-va": lower-case ASCII words joined by dashes, ≤ 80. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßæœøđłþðı]/g, (c) => LIGATURES[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/, "");
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * A closing date as typed: "2026-12-31" (the campaign stays open all that day, so it closes at
 * the start of the next) or "2026-12-31T17:00" from a datetime-local control. Times are UTC.
 */
export function parseClosingDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((p) => (p === undefined ? undefined : Number(p)));
  if (year! < FIRST_YEAR || year! > LAST_YEAR) return null;
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour ?? 0, minute ?? 0, second ?? 0));
  // Date.UTC rolls 2026-02-31 over to March: refuse what is not a real day or time.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) return null;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return null;
  if (hour === undefined) date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

/** A stored closing date as the datetime-local control shows it (UTC, to the minute). */
export function closingDateInputValue(date: Date | string | null | undefined): string {
  if (!date) return "";
  return new Date(date).toISOString().slice(0, 16);
}

export interface CampaignSchemaOptions {
  /** "create" asks for a group; "edit" does not. */
  mode: "create" | "edit";
  /** create: the groups the organizer may create campaigns in. */
  groupIds?: number[];
  /** edit: the campaign's stored status. Drafts may be saved incomplete; published campaigns may not. */
  status?: CampaignStatus;
  /** edit: the slug is stable once the campaign has been opened (links to it are out there). */
  slugLocked?: boolean;
  /** edit: an uploaded image is stored, so the alt text is needed unless it is removed. */
  hasUpload?: boolean;
  /** edit: the stored closing date as `closingDateInputValue` writes it; keeping it is always allowed. */
  storedClosesAt?: string;
  now?: Date;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, err("errors.tooLong", max))
    .refine(hasNoUnsafeChars, err("errors.invalidChars"))
    .optional()
    .transform((v) => v ?? "");

// The body is Markdown: newlines and tabs are content.
const markdownText = z
  .string()
  .max(BODY_MAX, err("errors.tooLong", BODY_MAX))
  .refine(hasNoUnsafeChars, err("errors.invalidChars"))
  .optional()
  .transform((v) => (v ?? "").replace(/\r\n?/g, "\n").trim());

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/** Accepts a browser File (or undici's in Node); an empty file control sends nothing. */
const imageFile = z
  .custom<File>((v) => typeof File !== "undefined" && v instanceof File, err("campaignForm.errors.imageType"))
  .refine((f) => f.size <= IMAGE_MAX_BYTES, err("campaignForm.errors.imageTooBig", IMAGE_MAX_BYTES / 1024 / 1024))
  .refine((f) => (IMAGE_TYPES as readonly string[]).includes(f.type), err("campaignForm.errors.imageType"))
  .optional();

export function campaignSchema(options: CampaignSchemaOptions) {
  const published = options.mode === "edit" && options.status !== undefined && options.status !== "draft";
  const now = options.now ?? new Date();
  return z
    .object({
      groupId:
        options.mode === "create"
          ? z.coerce
              .number({ error: err("campaignForm.errors.group") })
              .int()
              .refine((id) => (options.groupIds ?? []).includes(id), err("campaignForm.errors.group"))
          : z.undefined().optional().catch(undefined),
      title: z
        .string({ error: err("errors.required") })
        .trim()
        .min(1, err("errors.required"))
        .max(TITLE_MAX, err("errors.tooLong", TITLE_MAX))
        .refine(hasNoUnsafeChars, err("errors.invalidChars")),
      slug: options.slugLocked
        ? // Shown read-only; whatever is posted is ignored.
          z.unknown().transform(() => undefined)
        : z
            .string()
            .trim()
            .toLowerCase()
            .max(SLUG_MAX, err("errors.tooLong", SLUG_MAX))
            .regex(SLUG_PATTERN, err("campaignForm.errors.slugFormat"))
            .optional(),
      summary: text(SUMMARY_MAX),
      body: markdownText,
      target: text(TARGET_MAX),
      goal: z.coerce
        .number({ error: err("campaignForm.errors.goal", GOAL_MAX) })
        .int(err("campaignForm.errors.goal", GOAL_MAX))
        .min(1, err("campaignForm.errors.goal", GOAL_MAX))
        .max(GOAL_MAX, err("campaignForm.errors.goal", GOAL_MAX)),
      language: z.enum(LANGUAGES, { error: err("campaignForm.errors.language") }),
      closesAt: closingDateField(now, (date) => published && !(options.storedClosesAt !== undefined && closingDateInputValue(date) === options.storedClosesAt)),
      requireConfirmation: z.boolean().default(false),
      imageUrl: z
        .string()
        .trim()
        .max(IMAGE_URL_MAX, err("errors.tooLong", IMAGE_URL_MAX))
        .refine(isHttpsUrl, err("campaignForm.errors.imageUrl"))
        .optional(),
      imageFile,
      removeImage: z.boolean().default(false),
      imageAlt: text(IMAGE_ALT_MAX),
    })
    .superRefine((v, ctx) => {
      if (published) {
        for (const field of ["summary", "body", "target"] as const) {
          if (!v[field]) ctx.addIssue({ code: "custom", path: [field], message: err("campaignForm.errors.requiredPublished") });
        }
      }
      if (v.imageUrl && v.imageFile) {
        ctx.addIssue({ code: "custom", path: ["imageUrl"], message: err("campaignForm.errors.imageBoth") });
      }
      const hasImage = Boolean(v.imageUrl || v.imageFile || (options.hasUpload && !v.removeImage));
      if (hasImage && !v.imageAlt) {
        ctx.addIssue({ code: "custom", path: ["imageAlt"], message: err("campaignForm.errors.imageAlt") });
      }
    });
}

export type CampaignFormValue = z.infer<ReturnType<typeof campaignSchema>>;

/**
 * An optional closing date ("" means none). `mustBeFuture(date)` says whether a date that has
 * passed is an error here (a published campaign's new date, a reopening) or is let through.
 */
function closingDateField(now: Date, mustBeFuture: (date: Date) => boolean) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return null;
      const date = parseClosingDate(v);
      if (!date) {
        ctx.addIssue({ code: "custom", message: err("campaignForm.errors.closesAtFormat") });
        return z.NEVER;
      }
      if (date <= now && mustBeFuture(date)) {
        ctx.addIssue({ code: "custom", message: err("campaignForm.errors.closesAtPast") });
        return z.NEVER;
      }
      return date;
    });
}

/** Reopening a campaign whose closing date has passed: a new date in the future, or none. */
export function reopenSchema(now = new Date()) {
  return z.object({
    intent: z.literal("reopen"),
    closesAt: closingDateField(now, () => true),
  });
}

/** The fields a campaign needs before the public may see it. */
export const REQUIRED_TO_PUBLISH = ["title", "summary", "body", "target"] as const;
export type RequiredToPublish = (typeof REQUIRED_TO_PUBLISH)[number];

export function missingToPublish(c: Record<RequiredToPublish, string>): RequiredToPublish[] {
  return REQUIRED_TO_PUBLISH.filter((field) => !c[field].trim());
}
