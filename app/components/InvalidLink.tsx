import { Link } from "@remix-run/react";
import { useT } from "~/lib/use-translation";

/** A one-time link that was used, withdrawn or has expired: say so, and how to get a new one. */
export function InvalidLink() {
  const t = useT();
  return (
    <section className="panel narrow" aria-labelledby="invalid-link-title">
      <h1 id="invalid-link-title">{t("auth.link.invalid.title")}</h1>
      <p>{t("auth.link.invalid.body")}</p>
      <OtherWaysToSignIn withSignIn />
    </section>
  );
}

/** Links to the emailed sign-in link and the password reset (and back to the sign-in form). */
export function OtherWaysToSignIn({ withSignIn = false, next = "/org" }: { withSignIn?: boolean; next?: string }) {
  const t = useT();
  return (
    <ul className="link-list">
      <li>
        <Link to={next === "/org" ? "/org/magic-link" : `/org/magic-link?next=${encodeURIComponent(next)}`}>{t("auth.signIn.magicLink")}</Link>
      </li>
      <li>
        <Link to="/org/forgot-password">{t("auth.signIn.forgot")}</Link>
      </li>
      {withSignIn ? (
        <li>
          <Link to="/org/sign-in">{t("auth.backToSignIn")}</Link>
        </li>
      ) : null}
    </ul>
  );
}
