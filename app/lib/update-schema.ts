import { z } from "zod";
import { isCountryCode } from "./countries";
import { hasNoUnsafeChars, isSingleLineSafe, parseId } from "./text-rules";
import { err } from "./form-errors";

/**
 * The update form (subject, Markdown text, optional audience filters), shared by the server and
 * the browser. Error messages are i18n keys, with a number after a colon when they need one.
 * Whether the pledge option belongs to the campaign is checked on the server, against the rows.
 */
export const UPDATE_SUBJECT_MAX = 150;
export const UPDATE_BODY_MAX = 20_000;

/** What the organizer pages post: save and test keep the draft; send and cancel act on it. */
export const UPDATE_INTENTS = ["save", "test", "send", "cancel"] as const;
export type UpdateIntent = (typeof UPDATE_INTENTS)[number];


export const updateSchema = z.object({
  subject: z
    .string({ error: err("errors.required") })
    .trim()
    .min(1, err("errors.required"))
    .max(UPDATE_SUBJECT_MAX, err("errors.tooLong", UPDATE_SUBJECT_MAX))
    .refine(isSingleLineSafe, err("errors.invalidChars")),
  body: z
    .string({ error: err("errors.required") })
    .trim()
    .min(1, err("errors.required"))
    .max(UPDATE_BODY_MAX, err("errors.tooLong", UPDATE_BODY_MAX))
    .refine(hasNoUnsafeChars, err("errors.invalidChars")),
  country: z
    .string()
    .trim()
    .refine((v) => isCountryCode(v), err("updates.errors.country"))
    .optional(),
  optionId: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const id = parseId(v);
      if (id === null) ctx.addIssue({ code: "custom", message: err("updates.errors.option") });
      return id ?? 0;
    })
    .optional(),
});

export type UpdateInput = z.infer<typeof updateSchema>;

/** Sending asks once more, with the audience size in front of the organizer. */
export const sendUpdateSchema = z.object({
  confirm: z.literal("yes", { error: err("updates.errors.confirm") }),
});
