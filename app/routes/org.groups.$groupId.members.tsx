import { getFormProps, getSelectProps } from "@conform-to/react";
import { useValidatedForm } from "~/lib/use-validated-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { Field } from "~/components/Field";
import { FormErrors, InputField } from "~/components/InputField";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { PostButton } from "~/components/PostButton";
import { requireGroupRole } from "~/lib/access.server";
import { ASSIGNABLE_ROLES, inviteSchema, membersSchema } from "~/lib/auth-schema";
import { inviteMember, listPendingInvites, revokeInvite } from "~/lib/auth-tokens.server";
import { changeRole, findGroup, listMembers, removeMember } from "~/lib/groups.server";
import { translator, type MessageKey } from "~/lib/i18n";
import { parseId } from "~/lib/text-rules";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { parseForm, readFormData } from "~/lib/form-data.server";
import { formatDate } from "~/lib/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? translator("en")("auth.members.title", { group: data.group.name }) : "Picket"} · Picket` },
  { name: "robots", content: "noindex" },
];

const DONE: Record<string, MessageKey> = {
  invited: "auth.members.invited",
  "role-changed": "auth.members.roleChanged",
  removed: "auth.members.removed",
  revoked: "auth.members.revoked",
};

/** Owners only: organizers and viewers of the group get 403, everyone else 404. */
async function requireOwner(request: Request, context: LoaderFunctionArgs["context"], groupIdParam: string | undefined) {
  const groupId = parseId(groupIdParam) ?? Number.NaN;
  const { organizer } = await requireGroupRole(request, context, groupId, "owner");
  return { organizer, groupId };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context.runtime;
  const { organizer, groupId } = await requireOwner(request, context, params.groupId);
  const group = await findGroup(db, groupId);
  if (!group) throw new Response("Not found", { status: 404 });
  const done = new URL(request.url).searchParams.get("done") ?? "";
  return {
    organizer: { id: organizer.id, name: organizer.name },
    group: { id: group.id, name: group.name },
    members: (await listMembers(db, groupId)).map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    invites: (await listPendingInvites(db, groupId)).map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })),
    done: done in DONE ? done : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, enqueueEmail } = context.runtime;
  const { organizer, groupId } = await requireOwner(request, context, params.groupId);
  const submission = parseForm(await readFormData(request), { schema: membersSchema });
  // As echoed by the reply: cut to what the field allows, like every other value sent back.
  const intent = String(submission.reply().initialValue?.intent ?? "");
  if (submission.status !== "success") return data({ intent, result: submission.reply(), error: null }, { status: 400 });
  const input = submission.value;
  const here = `/org/groups/${groupId}/members`;
  const refuse = (error: MessageKey, status: number) => data({ intent, result: submission.reply(), error }, { status });

  if (input.intent === "invite") {
    const outcome = await inviteMember(db, enqueueEmail, { groupId, actor: organizer, email: input.email, role: input.role });
    if (outcome.status === "already-member") {
      return data({ intent, result: submission.reply({ fieldErrors: { email: ["auth.members.alreadyMember"] } }), error: null }, { status: 409 });
    }
    if (outcome.status === "forbidden") throw new Response("Forbidden", { status: 403 });
    // The address stays out of the URL (history, logs); the pending list below names it.
    return redirect(`${here}?done=invited`);
  }
  if (input.intent === "revoke-invite") {
    const revoked = await revokeInvite(db, { groupId, actorId: organizer.id, inviteId: input.inviteId });
    if (!revoked) return refuse("auth.members.inviteGone", 404);
    return redirect(`${here}?done=revoked`);
  }
  const outcome =
    input.intent === "change-role"
      ? await changeRole(db, { groupId, actorId: organizer.id, organizerId: input.organizerId, role: input.role })
      : await removeMember(db, { groupId, actorId: organizer.id, organizerId: input.organizerId });
  if (outcome.status === "last-owner") return refuse("auth.members.lastOwner", 409);
  if (outcome.status === "not-member") return refuse("auth.members.notMember", 404);
  if (outcome.status === "forbidden") throw new Response("Forbidden", { status: 403 });
  // An owner who made themselves something else (or left) can no longer manage this page.
  const changedSelf = input.organizerId === organizer.id && !(input.intent === "change-role" && input.role === "owner");
  if (changedSelf) return redirect("/org/account");
  return redirect(`${here}?done=${input.intent === "change-role" ? "role-changed" : "removed"}`);
}

export default function Members() {
  const { organizer, group, members, invites, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = usePageLanguage();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const date = (iso: string) => formatDate(iso, language, "short");
  const [form, fields] = useValidatedForm({
    id: "invite",
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    defaultValue: { role: "organizer" },
    constraint: getZodConstraint(inviteSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  const title = t("auth.members.title", { group: group.name });
  return (
    <OrgShell organizerName={organizer.name} title={title} breadcrumbs={[{ to: `/org/groups/${group.id}/members`, label: t("auth.members.crumb") }]}>
      {done ? (
        <p className="notice" role="status">
          {t(DONE[done]!)}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="form-error" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      <DataTable
        cards
        columns={[
          { label: t("auth.members.name") },
          { label: t("auth.members.email") },
          { label: t("auth.members.role") },
          { label: t("auth.members.since") },
          { label: t("auth.members.actions") },
        ]}
      >
        {members.map((m) => (
          <tr key={m.organizerId}>
            <th scope="row">
              {m.name} {m.organizerId === organizer.id ? <span className="muted">{t("auth.members.you")}</span> : null}
            </th>
            <td className="cell--wrap" data-label={t("auth.members.email")}>
              {m.email}
            </td>
            <td data-label={t("auth.members.role")}>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="change-role" />
                <input type="hidden" name="organizerId" value={m.organizerId} />
                <label htmlFor={`role-${m.organizerId}`} className="visually-hidden">
                  {t("auth.members.roleFor", { name: m.name })}
                </label>
                <select id={`role-${m.organizerId}`} name="role" defaultValue={m.role}>
                  {ASSIGNABLE_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`auth.role.${r}`)}
                    </option>
                  ))}
                </select>{" "}
                <button type="submit" className="button" disabled={submitting}>
                  {t("auth.members.changeRole")}
                </button>
              </Form>
            </td>
            <td data-label={t("auth.members.since")}>{date(m.joinedAt)}</td>
            <td className="table__actions-cell">
              <PostButton
                fields={{ intent: "remove", organizerId: m.organizerId }}
                className="link-button"
                disabled={submitting}
                label={t("auth.members.removeLabel", { name: m.name })}
              >
                {t("auth.members.remove")}
              </PostButton>
            </td>
          </tr>
        ))}
      </DataTable>

      {invites.length > 0 ? (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title">{t("auth.members.pending")}</h2>
          <DataTable
            cards
            columns={[
              { label: t("auth.members.email") },
              { label: t("auth.members.role") },
              { label: t("auth.members.expires") },
              { label: t("auth.members.actions") },
            ]}
          >
            {invites.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.email}</th>
                <td data-label={t("auth.members.role")}>{t(`auth.role.${i.role}`)}</td>
                <td data-label={t("auth.members.expires")}>{date(i.expiresAt)}</td>
                <td className="table__actions-cell">
                  <PostButton
                    fields={{ intent: "revoke-invite", inviteId: i.id }}
                    className="link-button"
                    label={t("auth.members.revokeLabel", { email: i.email })}
                  >
                    {t("auth.members.revoke")}
                  </PostButton>
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      <section aria-labelledby="invite-title" className="panel">
        <h2 id="invite-title">{t("auth.members.invite")}</h2>
        <p className="hint">{t("auth.members.inviteIntro")}</p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="invite" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <InputField field={fields.email} label={t("auth.members.inviteEmail")} type="email" autoComplete="off" />
          <Field id={fields.role.id} label={t("auth.members.inviteRole")} errors={fields.role.errors}>
            {(describedBy) => (
              <select {...getSelectProps(fields.role)} aria-describedby={describedBy}>
                {ASSIGNABLE_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`auth.roleLabel.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button button--primary" disabled={submitting}>
            {t("auth.members.inviteSubmit")}
          </button>
        </Form>
      </section>
    </OrgShell>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary title="auth.members.forbidden.title" body="auth.members.forbidden.body" />;
}
