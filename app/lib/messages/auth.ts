/** Organizer accounts: sign-in, passwords, magic links, invitations (English). */
export const authMessages = {} as const;
