import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EmailLinkRequest } from "~/components/EmailLinkRequest";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { emailLinkRequestAction, emailLinkRequestLoader } from "~/lib/email-link-request.server";
import { translator } from "~/lib/i18n";
import { passRetryAfter } from "~/lib/http-headers";

export const headers = passRetryAfter;

export const meta: MetaFunction = () => [{ title: `${translator("en")("auth.forgot.title")} · Picket` }, { name: "robots", content: "noindex" }];

export async function loader(args: LoaderFunctionArgs) {
  return emailLinkRequestLoader(args);
}

export async function action(args: ActionFunctionArgs) {
  return emailLinkRequestAction(args, "password-reset", "/org/forgot-password");
}

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <EmailLinkRequest
      id="forgot-password"
      sent={sent}
      lastResult={actionData?.result}
      title="auth.forgot.title"
      intro="auth.forgot.intro"
      submit="auth.forgot.submit"
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
