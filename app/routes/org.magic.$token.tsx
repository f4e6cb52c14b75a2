import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { InvalidLink } from "~/components/InvalidLink";
import { redirectSignedIn } from "~/lib/auth-responses.server";
import { safeNext, SET_PASSWORD_PATH } from "~/lib/auth-schema";
import { findLinkOrganizer, signInWithMagicLink } from "~/lib/auth-tokens.server";
import { deviceCookieHeader } from "~/lib/device-cookie.server";
import { translator } from "~/lib/i18n";
import { useT } from "~/lib/use-translation";
import { readFormData } from "~/lib/form-data.server";

export const meta: MetaFunction = () => [
  { title: `${translator("en")("auth.magic.title")} · Picket` },
  { name: "robots", content: "noindex" },
  // The token is in the address: never send it to another site.
  { name: "referrer", content: "same-origin" },
];

/** Opening the link changes nothing (mail scanners open links); pressing the button signs in. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const organizer = await findLinkOrganizer(context.runtime.db, params.token ?? "", "magic-link");
  if (!organizer) return data({ email: null, next: "/org" }, { status: 404 });
  return { email: organizer.email, next: safeNext(new URL(request.url).searchParams.get("next")) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const next = safeNext((await readFormData(request)).get("next"));
  const result = await signInWithMagicLink(context.runtime.db, params.token ?? "");
  if (result.status !== "ok") return data({ invalid: true }, { status: 404 });
  // An account made from the command line has no password yet: ask for one first.
  const to = result.organizer.passwordHash === null ? SET_PASSWORD_PATH : next;
  // Signed in here before: this browser keeps its own sign-in budget from now on.
  const device = await deviceCookieHeader(context.runtime.config, request, result.organizer.email);
  return redirectSignedIn(context, result.sessionToken, to, [device]);
}

export default function MagicSignIn() {
  const { email, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  if (!email || actionData?.invalid) return <InvalidLink />;
  return (
    <section className="panel narrow" aria-labelledby="magic-title">
      <h1 id="magic-title">{t("auth.magic.title")}</h1>
      <p className="lead">{t("auth.magic.body", { email })}</p>
      <Form method="post">
        <input type="hidden" name="next" value={next} />
        <button type="submit" className="button button--primary button--big button--block">
          {t("auth.magic.button")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
