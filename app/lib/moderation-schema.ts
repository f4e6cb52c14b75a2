import { z } from "zod";
import { COUNTRY_CODES } from "./countries";
import { isSingleLineSafe, parseDay } from "./text-rules";

/**
 * The signer list's filters and the moderation buttons: one schema each, shared by the server
 * (parseWithZod in the action and loader) and the browser (conform's client validation).
 * Error messages are i18n keys, as in sign-schema.ts.
 */
export const SIGNER_STATUSES = ["all", "confirmed", "unconfirmed"] as const;
export type SignerStatus = (typeof SIGNER_STATUSES)[number];

export const SEARCH_MAX = 200;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An optional UTC day ("2026-03-01"), as the date filters of the signer list and the export take it. */
export const isoDate = z
  .string()
  .trim()
  .regex(ISO_DAY, "moderation.errors.date")
  .refine((v) => parseDay(v) !== null, "moderation.errors.date")
  .optional();

/** Adds the check that a "from" day is not after the "to" day (an error on "to"). */
export function withDateOrder<T extends z.ZodType<{ from?: string | undefined; to?: string | undefined }>>(schema: T) {
  return schema.refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "moderation.errors.dateOrder",
    // Checked even when another field is wrong, so every error shows at once.
    when: ({ value }) => {
      const v = value as { from?: unknown; to?: unknown } | undefined;
      return typeof v?.from === "string" && typeof v.to === "string" && ISO_DAY.test(v.from) && ISO_DAY.test(v.to);
    },
  });
}

export const signerFiltersSchema = withDateOrder(
  z.object({
    /** Name or email: personal data, so it never goes into a URL (see org.c.$slug.signers.tsx). */
    q: z
      .string()
      .trim()
      .max(SEARCH_MAX, `errors.tooLong:${SEARCH_MAX}`)
      .refine(isSingleLineSafe, "errors.invalidChars")
      .optional()
      .transform((v) => (v ? v : undefined)),
    status: z.enum(SIGNER_STATUSES, { error: "moderation.errors.status" }).default("all"),
    country: z.enum(COUNTRY_CODES, { error: "errors.country" }).optional(),
    from: isoDate,
    to: isoDate,
    removed: z.boolean().default(false),
  }),
);

export type SignerFiltersInput = z.infer<typeof signerFiltersSchema>;

export const MODERATION_INTENTS = ["hide-message", "show-message", "remove", "restore"] as const;
export type ModerationIntent = (typeof MODERATION_INTENTS)[number];

export const moderationSchema = z.object({
  intent: z.enum(MODERATION_INTENTS),
  signatureId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
