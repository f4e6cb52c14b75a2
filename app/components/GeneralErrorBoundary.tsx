import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { MessageKey } from "~/lib/i18n";
import { useT } from "~/lib/use-translation";

/**
 * One error page for every route: a friendly 404, and for anything unexpected a calm message
 * with a reference the server logged, never a stack trace.
 */
export function GeneralErrorBoundary({
  notFoundTitle = "errors.notFound.title",
  notFoundBody = "errors.notFound.body",
}: {
  notFoundTitle?: MessageKey;
  notFoundBody?: MessageKey;
} = {}) {
  const error = useRouteError();
  const t = useT();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // A form in a shape no page sends (app/lib/form-data.server.ts) is the sender's doing: say so.
  const unreadableForm = isRouteErrorResponse(error) && error.status === 400 && error.data?.refusal === "unreadableForm";
  const reference = isRouteErrorResponse(error) ? `HTTP ${error.status}` : new Date().toISOString();
  if (!notFound && !isRouteErrorResponse(error)) console.error(error);
  const [title, body] = notFound
    ? [t(notFoundTitle), t(notFoundBody)]
    : unreadableForm
      ? [t("refusal.unreadableForm.title"), t("refusal.unreadableForm.body")]
      : [t("errors.generic.title"), t("errors.generic.body", { ref: reference })];
  return (
    <section className="panel narrow" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </section>
  );
}
