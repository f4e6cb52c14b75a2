import { Link } from "@remix-run/react";
import { organizerEntry } from "~/lib/site-footer";
import { useT } from "~/lib/use-translation";

/** The public site's footer: a discreet way in for organizers. */
export function SiteFooter({ signedIn }: { signedIn: boolean }) {
  const t = useT();
  const entry = organizerEntry(signedIn);
  return (
    <footer className="site-footer">
      <Link to={entry.to}>{t(entry.label)}</Link>
    </footer>
  );
}
