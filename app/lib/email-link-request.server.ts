import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { emailRequestSchema } from "./auth-schema";
import { requestEmailedLink } from "./auth-tokens.server";

/** The two "email me a link" pages (magic sign-in, password reset) work the same way. */
export function emailLinkRequestLoader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.has("sent") };
}

export async function emailLinkRequestAction(
  { request, context }: ActionFunctionArgs,
  purpose: "magic-link" | "password-reset",
  pagePath: string,
) {
  const { db, enqueueEmail } = context.runtime;
  const submission = parseWithZod(await request.formData(), { schema: emailRequestSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  // The same answer whether or not an account uses the address.
  await requestEmailedLink(db, enqueueEmail, purpose, { email: submission.value.email, ipHash: context.ipHash });
  return redirect(`${pagePath}?sent`);
}
