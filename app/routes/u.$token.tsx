import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { languageFromHeader, translator } from "~/lib/i18n";
import { findUnsubscribeTarget, unsubscribe } from "~/lib/unsubscribe.server";
import { useT } from "~/lib/use-translation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${translator(data?.language ?? "en")("unsubscribe.title")} · Picket` },
  { name: "robots", content: "noindex" },
  // The token is in the address: never hand it to another site.
  { name: "referrer", content: "same-origin" },
];

/**
 * The unsubscribe link of every update. Opening it changes nothing (mail scanners open links);
 * one press of its button unsubscribes. Mail programs that offer "Unsubscribe" themselves POST
 * `List-Unsubscribe=One-Click` here (RFC 8058), with no session and no page in between: the
 * action does the same for them.
 */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const { db, config } = context.runtime;
  const target = await findUnsubscribeTarget(db, config.sessionSecret, params.token ?? "");
  if (!target) {
    return data({ state: "invalid" as const, language: languageFromHeader(request.headers.get("accept-language")), title: "" }, { status: 404 });
  }
  return { state: target.unsubscribed ? ("done" as const) : ("ask" as const), language: target.campaign.language, title: target.campaign.title };
}

export async function action({ params, context }: ActionFunctionArgs) {
  const { db, config } = context.runtime;
  const target = await unsubscribe(db, config.sessionSecret, params.token ?? "");
  if (!target) throw new Response("Not found", { status: 404 });
  return { unsubscribed: true };
}

export default function Unsubscribe() {
  const { state, title } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>()?.unsubscribed || state === "done";
  const t = useT();
  if (state === "invalid") {
    return (
      <section className="panel narrow" aria-labelledby="unsubscribe-title">
        <h1 id="unsubscribe-title">{t("unsubscribe.invalid.title")}</h1>
        <p>{t("unsubscribe.invalid.body")}</p>
      </section>
    );
  }
  return (
    <section className="panel narrow" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t(done ? "unsubscribe.done.title" : "unsubscribe.title")}</h1>
      {done ? (
        <p className="lead" role="status">
          {t("unsubscribe.done.body", { title })}
        </p>
      ) : (
        <>
          <p className="lead">{t("unsubscribe.body", { title })}</p>
          <Form method="post">
            <button type="submit" className="button button--primary button--big button--block">
              {t("unsubscribe.button")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
