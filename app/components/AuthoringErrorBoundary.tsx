import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/lib/use-translation";
import { GeneralErrorBoundary } from "./GeneralErrorBoundary";

/**
 * Campaign authoring pages: a 403 (a viewer opening an edit link) says why and offers the way
 * back; everything else is the shared error page.
 */
export function AuthoringErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <section className="panel narrow" aria-labelledby="error-title">
        <h1 id="error-title">{t("campaignForm.forbidden.title")}</h1>
        <p>{t("campaignForm.forbidden.body")}</p>
        <p>
          <Link to="/org">{t("org.home")}</Link>
        </p>
      </section>
    );
  }
  return <GeneralErrorBoundary />;
}
