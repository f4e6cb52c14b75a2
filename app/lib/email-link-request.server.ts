import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { emailRequestSchema, safeNext } from "./auth-schema";
import { tooManyRequests, waitMessage } from "./auth-responses.server";
import { requestEmailedLink } from "./auth-tokens.server";
import { parseForm, readFormData } from "./form-data.server";

/** The two "email me a link" pages (magic sign-in, password reset) work the same way. */
export function emailLinkRequestLoader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  return { sent: params.has("sent"), next: safeNext(params.get("next")) };
}

export async function emailLinkRequestAction(
  { request, context }: ActionFunctionArgs,
  purpose: "magic-link" | "password-reset",
  pagePath: string,
) {
  const { db, enqueueEmail } = context.runtime;
  const formData = await readFormData(request);
  const submission = parseForm(formData, { schema: emailRequestSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  // The same answer whether or not an account uses the address.
  const outcome = await requestEmailedLink(db, enqueueEmail, purpose, { email: submission.value.email, ipHash: context.ipHash, next: safeNext(formData.get("next")) });
  if (outcome.status === "throttled") {
    const wait = waitMessage("auth.errors.linkThrottled", outcome.retryAfterSeconds);
    return tooManyRequests({ result: submission.reply({ formErrors: [wait] }) }, outcome.retryAfterSeconds);
  }
  return redirect(`${pagePath}?sent`);
}
