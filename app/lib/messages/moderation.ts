/** Moderation: signer lists, hiding, spam removal, audit log (English). */
export const moderationMessages = {} as const;
