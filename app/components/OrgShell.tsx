import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/lib/use-translation";

/**
 * The frame of every organizer page: where you are, who is signed in, and a way out.
 * Pages pass the signed-in organizer's name from their loader.
 */
export function OrgShell({
  organizerName,
  title,
  breadcrumbs = [],
  children,
}: {
  organizerName: string;
  title: string;
  breadcrumbs?: { to: string; label: string }[];
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className="org">
      <nav className="org__bar" aria-label={t("org.nav")}>
        <ol className="org__crumbs">
          <li>
            <Link to="/org">{t("org.home")}</Link>
          </li>
          {breadcrumbs.map((b) => (
            <li key={b.to}>
              <Link to={b.to}>{b.label}</Link>
            </li>
          ))}
        </ol>
        <div className="org__who">
          <Link to="/org/account">{organizerName}</Link>
          <Form method="post" action="/org/sign-out">
            <button type="submit" className="link-button">
              {t("org.signOut")}
            </button>
          </Form>
        </div>
      </nav>
      <h1>{title}</h1>
      {children}
    </div>
  );
}
