import { getFormProps } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { FormErrors, InputField } from "~/components/InputField";
import { InvalidLink } from "~/components/InvalidLink";
import { OrgShell } from "~/components/OrgShell";
import { currentOrganizer } from "~/lib/access.server";
import { redirectSignedIn } from "~/lib/auth-responses.server";
import { deviceCookieHeader } from "~/lib/device-cookie.server";
import { acceptInviteSchema, PASSWORD_MIN } from "~/lib/auth-schema";
import { acceptInvite, findInvite } from "~/lib/auth-tokens.server";
import { translator } from "~/lib/i18n";
import { useT } from "~/lib/use-translation";
import { parseForm, readFormData } from "~/lib/form-data.server";

export const meta: MetaFunction = () => [
  { title: `${translator("en")("mail.invite.button")} · Picket` },
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "same-origin" },
];

/**
 * An invitation link. Opening it changes nothing; accepting is a POST: as the signed-in
 * organizer it names, or by creating that account. An existing account signs in first.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const invite = await findInvite(context.runtime.db, token);
  if (!invite) return data({ state: "invalid" as const }, { status: 404 });
  const organizer = await currentOrganizer(request, context);
  const base = { email: invite.email, role: invite.role, groupName: invite.groupName };
  if (organizer) {
    const state = organizer.email === invite.email ? ("join" as const) : ("wrong-account" as const);
    return { state, ...base, organizerName: organizer.name, organizerEmail: organizer.email, signInUrl: "" };
  }
  const signInUrl = `/org/sign-in?next=${encodeURIComponent(`/org/invite/${token}`)}`;
  const state = invite.accountExists ? ("sign-in" as const) : ("new" as const);
  return { state, ...base, organizerName: null, organizerEmail: null, signInUrl };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { db } = context.runtime;
  const token = params.token ?? "";
  const organizer = await currentOrganizer(request, context);
  if (organizer) {
    const result = await acceptInvite(db, token, { signedIn: organizer });
    if (result.status === "joined") return redirect("/org");
    return data({ result: undefined, failed: result.status }, { status: result.status === "invalid" ? 404 : 409 });
  }
  const submission = parseForm(await readFormData(request), { schema: acceptInviteSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirmPassword"] }), failed: null }, { status: 400 });
  }
  const result = await acceptInvite(db, token, { name: submission.value.name, password: submission.value.password });
  if (result.status === "joined" && result.sessionToken) {
    const device = await deviceCookieHeader(context.runtime.config, request, result.organizer.email);
    return redirectSignedIn(context, result.sessionToken, "/org", [device]);
  }
  return data({ result: undefined, failed: result.status }, { status: result.status === "invalid" ? 404 : 409 });
}

export default function AcceptInvite() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id: "accept-invite",
    lastResult: actionData?.result,
    constraint: getZodConstraint(acceptInviteSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptInviteSchema }),
  });
  if (loaderData.state === "invalid" || actionData?.failed === "invalid") return <InvalidLink />;
  const { email, role, groupName } = loaderData;
  const vars = { group: groupName, role: t(`auth.role.${role}`), email };
  // Someone made the account in the meantime (another tab): they now sign in to accept.
  const state = actionData?.failed === "account-exists" ? "sign-in" : actionData?.failed === "wrong-account" ? "wrong-account" : loaderData.state;

  const frame = (children: ReactNode) =>
    loaderData.organizerName ? (
      <OrgShell organizerName={loaderData.organizerName} title={t("auth.invite.title", vars)}>
        {children}
      </OrgShell>
    ) : (
      <section className="panel narrow" aria-labelledby="invite-title">
        <h1 id="invite-title">{t("auth.invite.title", vars)}</h1>
        {children}
      </section>
    );

  return frame(
    <>
      <p className="lead">{t("auth.invite.body", vars)}</p>
      {state === "join" ? (
        <Form method="post">
          <button type="submit" className="button button--primary button--big">
            {t("auth.invite.join", vars)}
          </button>
        </Form>
      ) : state === "wrong-account" ? (
        <p className="notice" role="status">
          {t("auth.invite.wrongAccount", { email, current: loaderData.organizerEmail ?? "" })}
        </p>
      ) : state === "sign-in" ? (
        <>
          <p>{t("auth.invite.signInFirst", { email })}</p>
          <p>
            <Link className="button button--primary" to={loaderData.signInUrl}>
              {t("auth.invite.signInButton")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>{t("auth.invite.newAccount", { email })}</p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
            <InputField field={fields.name} label={t("auth.name")} type="text" autoComplete="name" hint={t("auth.nameHint")} />
            <InputField
              field={fields.password}
              clearOn={actionData}
              label={t("auth.password")}
              type="password"
              autoComplete="new-password"
              hint={t("auth.passwordHint", { min: PASSWORD_MIN })}
            />
            <InputField field={fields.confirmPassword} clearOn={actionData} label={t("auth.repeatPassword")} type="password" autoComplete="new-password" />
            <button type="submit" className="button button--primary button--block" disabled={submitting}>
              {t("auth.invite.submitNew")}
            </button>
          </Form>
        </>
      )}
    </>,
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
