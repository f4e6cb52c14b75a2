import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { isAcceptingSignatures } from "~/lib/campaigns.server";
import { languageFromHeader, translator } from "~/lib/i18n";
import { pledgerCookieHeader } from "~/lib/pledger-cookie.server";
import { confirmSignature, findConfirmation } from "~/lib/signatures.server";
import { useT } from "~/lib/use-translation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${translator(data?.language ?? "en")("confirm.title")} · Picket` },
  { name: "robots", content: "noindex" },
  // The token is in this page's address: never send it to another site. (Not "no-referrer":
  // browsers then send `Origin: null` with the form POST, which Remix refuses as CSRF.)
  { name: "referrer", content: "same-origin" },
];

/**
 * Opening the link changes nothing: mail scanners pre-open links, so only pressing the button
 * (a POST) confirms.
 */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const target = await findConfirmation(context.runtime.db, params.token ?? "");
  if (!target) {
    return data(
      { state: "invalid" as const, language: languageFromHeader(request.headers.get("accept-language")), title: "" },
      { status: 404 },
    );
  }
  // An old link opened again (to change pledges, as the thank-you page suggests): one more press
  // proves the address again and opens the pledge form. Opening it alone still changes nothing.
  const open = isAcceptingSignatures(target.campaign);
  if (target.confirmed && !open) throw redirect(`/c/${target.campaign.slug}/thank-you`);
  const state = target.confirmed ? ("confirmed" as const) : open ? ("pending" as const) : ("closed" as const);
  return { state, language: target.campaign.language, title: target.campaign.title };
}

export async function action({ params, context }: ActionFunctionArgs) {
  const result = await confirmSignature(context.runtime.db, params.token ?? "");
  if (result.status === "invalid") throw new Response("Not found", { status: 404 });
  if (result.status === "closed") return data({ closed: true }, { status: 409 });
  // Pressing the button in their own email proves the address: the thank-you page may take their pledges.
  const cookie = await pledgerCookieHeader(context.runtime.config, result.slug, result.signatureId);
  return redirect(`/c/${result.slug}/thank-you`, { headers: { "Set-Cookie": cookie } });
}

export default function Confirm() {
  const { state, title } = useLoaderData<typeof loader>();
  const t = useT();
  if (state === "invalid") {
    return (
      <section className="panel narrow" aria-labelledby="confirm-title">
        <h1 id="confirm-title">{t("confirm.invalid.title")}</h1>
        <p>{t("confirm.invalid.body")}</p>
      </section>
    );
  }
  return (
    <section className="panel narrow" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{t(state === "confirmed" ? "confirm.already.title" : "confirm.title")}</h1>
      {state === "closed" ? (
        <p className="notice">{t("confirm.closed")}</p>
      ) : state === "confirmed" ? (
        <>
          <p className="lead">{t("confirm.already.body", { title })}</p>
          <Form method="post">
            <button type="submit" className="button button--primary button--big button--block">
              {t("confirm.already.button")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p className="lead">{t("confirm.body", { title })}</p>
          <Form method="post">
            <button type="submit" className="button button--primary button--big button--block">
              {t("confirm.button")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
