/** Organizer back office: campaigns, authoring, dashboard (English). */
export const organizerMessages = {
  "org.nav": "Organizer",
  "org.home": "Organizer home",
  "org.signOut": "Sign out",
} as const;
