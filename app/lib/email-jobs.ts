/**
 * What domain code asks to be emailed. Tokens (confirmation, password reset, sign-in, invitation)
 * travel only here and in the email; the database keeps their hashes. The queue stores a job
 * with its token sealed (StoredEmailJob) and no address or name: the worker looks those up when
 * it sends, from the token's row or the signature.
 */
export type EmailJob =
  | { kind: "confirm"; signatureId: number; token: string }
  | { kind: "already-signed"; signatureId: number }
  | { kind: "password-reset"; token: string }
  | { kind: "magic-link"; token: string; next?: string }
  | { kind: "invite"; token: string }
  /** An organizer's test of a campaign update, sent to their own address. */
  | { kind: "update-test"; updateId: number; organizerId: number };

export type OrganizerEmailJob = Extract<EmailJob, { kind: "password-reset" | "magic-link" | "invite" }>;

type Sealed<J> = J extends { token: string } ? Omit<J, "token"> & { sealedToken: string } : J;

/** An email job as pg-boss stores it: the token sealed with the key from SESSION_SECRET. */
export type StoredEmailJob = Sealed<EmailJob>;
