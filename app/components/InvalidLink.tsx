import { Link } from "@remix-run/react";
import { useT } from "~/lib/use-translation";

/** A one-time link that was used, withdrawn or has expired: say so, and how to get a new one. */
export function InvalidLink() {
  const t = useT();
  return (
    <section className="panel narrow" aria-labelledby="invalid-link-title">
      <h1 id="invalid-link-title">{t("auth.link.invalid.title")}</h1>
      <p>{t("auth.link.invalid.body")}</p>
      <ul className="link-list">
        <li>
          <Link to="/org/magic-link">{t("auth.signIn.magicLink")}</Link>
        </li>
        <li>
          <Link to="/org/forgot-password">{t("auth.signIn.forgot")}</Link>
        </li>
        <li>
          <Link to="/org/sign-in">{t("auth.backToSignIn")}</Link>
        </li>
      </ul>
    </section>
  );
}
