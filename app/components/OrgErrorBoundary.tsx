import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { MessageKey } from "~/lib/i18n";
import { useT } from "~/lib/use-translation";
import { GeneralErrorBoundary } from "./GeneralErrorBoundary";

/**
 * Organizer pages: a 403 (a role below what the page needs) says why, in the page's own words,
 * and offers the way back; everything else is the shared error page.
 */
export function OrgErrorBoundary({
  title = "moderation.forbidden.title",
  body = "moderation.forbidden.body",
}: {
  title?: MessageKey;
  body?: MessageKey;
}) {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <section className="panel narrow" aria-labelledby="error-title">
        <h1 id="error-title">{t(title)}</h1>
        <p>{t(body)}</p>
        <p>
          <Link to="/org">{t("org.home")}</Link>
        </p>
      </section>
    );
  }
  return <GeneralErrorBoundary />;
}
