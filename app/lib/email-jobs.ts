import type { Role } from "../../db/schema";

/**
 * What an email job carries. Tokens (confirmation, password reset, sign-in, invitation) travel
 * only here and in the email; the database keeps their hashes.
 */
export type EmailJob =
  | { kind: "confirm"; signatureId: number; token: string }
  | { kind: "already-signed"; signatureId: number }
  | { kind: "password-reset"; to: string; name: string; token: string }
  | { kind: "magic-link"; to: string; name: string; token: string; next?: string }
  | { kind: "invite"; to: string; token: string; groupName: string; inviterName: string; role: Role }
  /** An organizer's test of a campaign update, sent to their own address. */
  | { kind: "update-test"; updateId: number; organizerId: number };

export type OrganizerEmailJob = Extract<EmailJob, { kind: "password-reset" | "magic-link" | "invite" }>;
