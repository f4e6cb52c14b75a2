/** What an email job carries. The confirmation token travels only here and in the email. */
export type EmailJob =
  | { kind: "confirm"; signatureId: number; token: string }
  | { kind: "already-signed"; signatureId: number };
