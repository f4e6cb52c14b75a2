import { getFormProps } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { FormErrors, InputField } from "~/components/InputField";
import { OrgShell } from "~/components/OrgShell";
import { requireOrganizer } from "~/lib/access.server";
import { redirectSignedIn, redirectSignedOut } from "~/lib/auth-responses.server";
import { accountNameSchema, accountSchema, changePasswordSchema, PASSWORD_MIN } from "~/lib/auth-schema";
import { groupsOf } from "~/lib/groups.server";
import { translator } from "~/lib/i18n";
import { changePassword, updateOrganizerName } from "~/lib/organizers.server";
import { destroyAllSessions } from "~/lib/sessions.server";
import { useT } from "~/lib/use-translation";
import { parseForm, readFormData } from "~/lib/form-data.server";

export const meta: MetaFunction = () => [{ title: `${translator("en")("auth.account.title")} · Picket` }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request, context);
  const params = new URL(request.url).searchParams;
  const saved = params.get("saved");
  return {
    askForPassword: organizer.passwordHash === null && params.has("set-password"),
    name: organizer.name,
    email: organizer.email,
    hasPassword: organizer.passwordHash !== null,
    groups: await groupsOf(context.runtime.db, organizer.id),
    saved: saved === "name" || saved === "password" ? saved : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db } = context.runtime;
  const organizer = await requireOrganizer(request, context);
  const submission = parseForm(await readFormData(request), { schema: accountSchema });
  // As echoed by the reply: cut to what the field allows, like every other value sent back.
  const intent = submission.reply().initialValue?.intent;
  if (submission.status !== "success") {
    return data({ intent, result: submission.reply({ hideFields: ["currentPassword", "password", "confirmPassword"] }) }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "name") {
    await updateOrganizerName(db, organizer.id, input.name);
    return redirect("/org/account?saved=name");
  }
  if (input.intent === "password") {
    const outcome = await changePassword(db, organizer, input);
    if (outcome.status === "wrong-password") {
      return data(
        {
          intent,
          result: submission.reply({
            fieldErrors: { currentPassword: ["auth.errors.wrongPassword"] },
            hideFields: ["currentPassword", "password", "confirmPassword"],
          }),
        },
        { status: 400 },
      );
    }
    return redirectSignedIn(context, outcome.sessionToken, "/org/account?saved=password");
  }
  await destroyAllSessions(db, organizer.id);
  return redirectSignedOut(context, "/org/sign-in?signed-out");
}

export default function Account() {
  const { name, email, hasPassword, groups, saved, askForPassword } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const [nameForm, nameFields] = useValidatedForm({
    id: "account-name",
    lastResult: actionData?.intent === "name" ? actionData.result : undefined,
    defaultValue: { name },
    constraint: getZodConstraint(accountNameSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountNameSchema }),
  });
  const [passwordForm, passwordFields] = useValidatedForm({
    id: "account-password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    constraint: getZodConstraint(changePasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  return (
    <OrgShell organizerName={name} title={t("auth.account.title")}>
      {askForPassword ? (
        <p className="notice" role="status">
          {t("auth.account.setPasswordPrompt")} <a href="#password-title">{t("auth.account.setPasswordLink")}</a>
        </p>
      ) : null}
      <section aria-labelledby="profile-title" className="panel">
        <h2 id="profile-title">{t("auth.account.profile")}</h2>
        {saved === "name" ? (
          <p className="notice" role="status">
            {t("auth.account.nameSaved")}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(nameForm)}>
          <input type="hidden" name="intent" value="name" />
          <FormErrors id={nameForm.errorId} errors={nameForm.errors} />
          <p>
            {t("auth.email")}: <strong>{email}</strong>
          </p>
          <InputField field={nameFields.name} label={t("auth.name")} type="text" autoComplete="name" hint={t("auth.nameHint")} />
          <button type="submit" className="button" disabled={busy("name")}>
            {t("auth.account.saveName")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="password-title" className="panel">
        <h2 id="password-title">{t("auth.account.password")}</h2>
        {saved === "password" ? (
          <p className="notice" role="status">
            {t("auth.account.passwordSaved")}
          </p>
        ) : null}
        <p className="hint">{hasPassword ? t("auth.account.changePasswordIntro") : t("auth.account.setPasswordIntro")}</p>
        <Form method="post" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
          <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
          {hasPassword ? (
            <InputField
              field={passwordFields.currentPassword}
              clearOn={actionData}
              label={t("auth.currentPassword")}
              type="password"
              autoComplete="current-password"
            />
          ) : null}
          <InputField
            field={passwordFields.password}
            clearOn={actionData}
            label={t("auth.newPassword")}
            type="password"
            autoComplete="new-password"
            hint={t("auth.passwordHint", { min: PASSWORD_MIN })}
          />
          <InputField field={passwordFields.confirmPassword} clearOn={actionData} label={t("auth.confirmPassword")} type="password" autoComplete="new-password" />
          <button type="submit" className="button" disabled={busy("password")}>
            {t("auth.account.savePassword")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="groups-title" className="panel">
        <h2 id="groups-title">{t("auth.account.groups")}</h2>
        {groups.length === 0 ? (
          <p>{t("auth.account.noGroups")}</p>
        ) : (
          <ul>
            {groups.map((g) => (
              <li key={g.groupId}>
                <strong>{g.name}</strong> <span className="muted">· {t(`auth.role.${g.role}`)}</span>
                {g.role === "owner" ? (
                  <>
                    {" · "}
                    <Link to={`/org/groups/${g.groupId}/members`}>{t("auth.account.manageMembers")}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sessions-title" className="panel">
        <h2 id="sessions-title">{t("auth.account.sessions")}</h2>
        <p>{t("auth.account.sessionsIntro")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <button type="submit" className="button" disabled={busy("sign-out-everywhere")}>
            {t("auth.account.signOutEverywhere")}
          </button>
        </Form>
      </section>
    </OrgShell>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary />;
}
