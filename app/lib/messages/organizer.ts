/** Organizer back office: campaigns, authoring, dashboard (English). */
export const organizerMessages = {} as const;
