import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/lib/use-translation";
import { GeneralErrorBoundary } from "./GeneralErrorBoundary";

/**
 * Organizer pages: a 403 (a viewer asking for signers' personal data) explains why and where to
 * go instead; everything else is the shared error page.
 */
export function OrgErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <section className="panel narrow" aria-labelledby="error-title">
        <h1 id="error-title">{t("moderation.forbidden.title")}</h1>
        <p>{t("moderation.forbidden.body")}</p>
        <p>
          <Link to="/org">{t("org.home")}</Link>
        </p>
      </section>
    );
  }
  return <GeneralErrorBoundary />;
}
