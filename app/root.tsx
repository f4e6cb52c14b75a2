// First: zod must be configured before any module builds a schema (see app/lib/zod-config.ts).
import "./lib/zod-config";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "./components/GeneralErrorBoundary";
import { SiteFooter } from "./components/SiteFooter";
import { languageFromHeader } from "./lib/i18n";
import { useNonce } from "./lib/nonce";
import { hasSessionCookie } from "./lib/sessions.server";
import { showsSiteFooter } from "./lib/site-footer";
import { usePageLanguage, useT } from "./lib/use-translation";
import stylesheet from "./styles.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  return {
    language: languageFromHeader(request.headers.get("accept-language")),
    // From the cookie alone: public pages stay free of database lookups.
    signedIn: hasSessionCookie(request),
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const language = usePageLanguage();
  const t = useT();
  // Undefined when the root loader itself failed (the error page still gets a footer).
  const root = useRouteLoaderData<typeof loader>("root");
  const { pathname } = useLocation();
  const nonce = useNonce();
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#b3261e" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("site.skipToContent")}
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            {t("site.name")}
          </Link>
          <span className="tagline">{t("site.tagline")}</span>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        {showsSiteFooter(pathname) ? <SiteFooter signedIn={root?.signedIn ?? false} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
