import { z } from "zod";
import { isSingleLineSafe } from "./text-rules";
import { err } from "./form-errors";

/**
 * Organizer account forms, shared by the server and the browser. As in sign-schema.ts, error
 * messages are i18n keys, with a number after a colon when the message needs one
 * ("auth.errors.passwordShort:10" fills {max}).
 */
export const PASSWORD_MIN = 10;
/** scrypt hashes any length, but nobody types more, and huge inputs only cost CPU. */
export const PASSWORD_MAX = 200;
export const ORGANIZER_NAME_MAX = 100;

export const ASSIGNABLE_ROLES = ["owner", "organizer", "viewer"] as const;


export const emailField = z
  .string({ error: err("errors.required") })
  .trim()
  .max(254, err("errors.tooLong", 254))
  .pipe(z.email({ error: err("errors.email") }));

/** The password typed to sign in: any non-empty string (old rules must not lock anyone out). */
const currentPassword = z
  .string({ error: err("errors.required") })
  .min(1, err("errors.required"))
  .max(PASSWORD_MAX, err("errors.tooLong", PASSWORD_MAX));

/** A password being chosen: long enough to resist guessing. Not trimmed: spaces count. */
export const newPassword = z
  .string({ error: err("errors.required") })
  .min(PASSWORD_MIN, err("auth.errors.passwordShort", PASSWORD_MIN))
  .max(PASSWORD_MAX, err("errors.tooLong", PASSWORD_MAX));

export const organizerName = z
  .string({ error: err("errors.required") })
  .trim()
  .min(1, err("errors.required"))
  .max(ORGANIZER_NAME_MAX, err("errors.tooLong", ORGANIZER_NAME_MAX))
  .refine(isSingleLineSafe, err("errors.invalidChars"));

/** Where to go after signing in: only paths inside the organizer area of this site. */
export function safeNext(value: unknown, fallback = "/org"): string {
  if (typeof value !== "string") return fallback;
  // "//evil.example" and "/\evil.example" are other sites to a browser; so is anything with a scheme.
  if (!/^\/org(?:[/?#]|$)/.test(value) || value.includes("\\") || /[\u0000-\u001F\u007F]/.test(value)) return fallback;
  try {
    const url = new URL(value, "http://picket.invalid");
    if (url.origin !== "http://picket.invalid" || !/^\/org(?:\/|$)/.test(url.pathname)) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

const nextField = z.string().optional();

export const signInSchema = z.object({
  email: emailField,
  password: currentPassword,
  next: nextField,
});

/** "Email me a sign-in link" and "Forgot password?": one address. */
export const emailRequestSchema = z.object({
  email: emailField,
  next: nextField,
});

const repeatMatches = (v: { password: string; confirmPassword: string }) => v.password === v.confirmPassword;
const mismatch = { message: err("auth.errors.passwordMismatch"), path: ["confirmPassword"] };

export const resetPasswordSchema = z
  .object({ password: newPassword, confirmPassword: z.string({ error: err("errors.required") }) })
  .refine(repeatMatches, mismatch);

/** Accepting an invitation without an account: who you are and the password you choose. */
export const acceptInviteSchema = z
  .object({ name: organizerName, password: newPassword, confirmPassword: z.string({ error: err("errors.required") }) })
  .refine(repeatMatches, mismatch);

export const accountNameSchema = z.object({ intent: z.literal("name"), name: organizerName });

export const changePasswordSchema = z
  .object({
    intent: z.literal("password"),
    /** Absent for accounts that have never had a password (made from the command line). */
    currentPassword: z.string().max(PASSWORD_MAX, err("errors.tooLong", PASSWORD_MAX)).optional(),
    password: newPassword,
    confirmPassword: z.string({ error: err("errors.required") }),
  })
  .refine(repeatMatches, mismatch);

export const signOutEverywhereSchema = z.object({ intent: z.literal("sign-out-everywhere") });

export const accountSchema = z.discriminatedUnion("intent", [accountNameSchema, changePasswordSchema, signOutEverywhereSchema]);

const roleField = z.enum(ASSIGNABLE_ROLES, { error: err("auth.errors.role") });
const organizerId = z
  .string({ error: err("errors.required") })
  .regex(/^[1-9]\d{0,8}$/, err("errors.required"))
  .transform(Number);

export const inviteSchema = z.object({ intent: z.literal("invite"), email: emailField, role: roleField });
export const changeRoleSchema = z.object({ intent: z.literal("change-role"), organizerId, role: roleField });
export const removeMemberSchema = z.object({ intent: z.literal("remove"), organizerId });
export const revokeInviteSchema = z.object({ intent: z.literal("revoke-invite"), inviteId: z.string().regex(/^[0-9a-f]{64}$/) });

export const membersSchema = z.discriminatedUnion("intent", [inviteSchema, changeRoleSchema, removeMemberSchema, revokeInviteSchema]);

/** Where an organizer without a password lands after signing in by link: the account page, asking for one. */
export const SET_PASSWORD_PATH = "/org/account?set-password";
