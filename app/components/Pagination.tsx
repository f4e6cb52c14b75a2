import { Link } from "@remix-run/react";
import { useT } from "~/lib/use-translation";

/** "← Previous · Next →" links for a keyset-paginated list; renders nothing on a single page. */
export function Pagination({ previousHref, nextHref }: { previousHref: string | null; nextHref: string | null }) {
  const t = useT();
  if (!previousHref && !nextHref) return null;
  return (
    <nav className="pagination" aria-label={t("moderation.pages")}>
      {previousHref ? (
        <Link to={previousHref} rel="prev">
          ← {t("moderation.previous")}
        </Link>
      ) : (
        <span />
      )}
      {nextHref ? (
        <Link to={nextHref} rel="next">
          {t("moderation.next")} →
        </Link>
      ) : null}
    </nav>
  );
}
