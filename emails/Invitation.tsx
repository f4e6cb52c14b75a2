import { Text } from "@react-email/components";
import type { Role } from "../db/schema";
import { translator } from "../app/lib/i18n";
import type { Language } from "../app/lib/languages";
import { ActionButton, Layout, paragraph } from "./components/Layout";

export interface InvitationProps {
  language: Language;
  groupName: string;
  inviterName: string;
  role: Role;
  acceptUrl: string;
}

export function invitationSubject(p: InvitationProps): string {
  return translator(p.language)("mail.invite.subject", { inviter: p.inviterName, group: p.groupName });
}

export default function Invitation(p: InvitationProps) {
  const t = translator(p.language);
  const vars = { inviter: p.inviterName, group: p.groupName, role: t(`auth.role.${p.role}`) };
  return (
    <Layout language={p.language} preview={t("mail.invite.preview", vars)} footer={t("mail.invite.footer", vars)}>
      <Text style={paragraph}>{t("mail.invite.greeting")}</Text>
      <Text style={paragraph}>{t("mail.invite.body", vars)}</Text>
      <ActionButton href={p.acceptUrl} label={t("mail.invite.button")} fallback={t("mail.org.fallback")} />
    </Layout>
  );
}

Invitation.PreviewProps = {
  language: "en",
  groupName: "Demo Solidarity Committee",
  inviterName: "Lucy Parsons",
  role: "organizer",
  acceptUrl: "http://localhost:3000/org/invite/2x7Qd5oYtQbQ1m8xVdJkq3dWf0nqk8L9tqvI2eWJ3sM",
} satisfies InvitationProps;
