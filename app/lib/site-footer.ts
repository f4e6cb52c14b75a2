import type { MessageKey } from "./i18n";

/**
 * The public footer's way into the organizer area: someone signed in goes straight to their
 * campaigns, anyone else to the sign-in page.
 */
export function organizerEntry(signedIn: boolean): { to: string; label: MessageKey } {
  return signedIn ? { to: "/org", label: "site.footer.yourCampaigns" } : { to: "/org/sign-in", label: "site.footer.organizers" };
}

/** The footer belongs to the public site: the organizer area has its own navigation. */
export function showsSiteFooter(pathname: string): boolean {
  return pathname !== "/org" && !pathname.startsWith("/org/");
}
