import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EmailLinkRequest } from "~/components/EmailLinkRequest";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { emailLinkRequestAction, emailLinkRequestLoader } from "~/lib/email-link-request.server";
import { translator } from "~/lib/i18n";
import { passRetryAfter } from "~/lib/http-headers";

export const headers = passRetryAfter;

export const meta: MetaFunction = () => [{ title: `${translator("en")("auth.magicRequest.title")} · Picket` }, { name: "robots", content: "noindex" }];

export async function loader(args: LoaderFunctionArgs) {
  return emailLinkRequestLoader(args);
}

export async function action(args: ActionFunctionArgs) {
  return emailLinkRequestAction(args, "magic-link", "/org/magic-link");
}

export default function MagicLinkRequest() {
  const { sent, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <EmailLinkRequest
      id="magic-link"
      sent={sent}
      lastResult={actionData?.result}
      title="auth.magicRequest.title"
      intro="auth.magicRequest.intro"
      submit="auth.magicRequest.submit"
      next={next}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
