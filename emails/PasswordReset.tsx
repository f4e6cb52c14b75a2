import { Text } from "@react-email/components";
import { translator } from "../app/lib/i18n";
import type { Language } from "../app/lib/languages";
import { ActionButton, Aside, Layout, paragraph } from "./components/Layout";

export interface PasswordResetProps {
  language: Language;
  name: string;
  resetUrl: string;
}

export function passwordResetSubject(p: PasswordResetProps): string {
  return translator(p.language)("mail.reset.subject");
}

export default function PasswordReset(p: PasswordResetProps) {
  const t = translator(p.language);
  return (
    <Layout language={p.language} preview={t("mail.reset.preview")} footer={t("mail.org.footer")}>
      <Text style={paragraph}>{t("mail.org.greeting", { name: p.name })}</Text>
      <Text style={paragraph}>{t("mail.reset.body")}</Text>
      <ActionButton href={p.resetUrl} label={t("mail.reset.button")} fallback={t("mail.org.fallback")} />
      <Aside>{t("mail.org.ignore")}</Aside>
    </Layout>
  );
}

PasswordReset.PreviewProps = {
  language: "en",
  name: "Lucy Parsons",
  resetUrl: "http://localhost:3000/org/reset/2x7Qd5oYtQbQ1m8xVdJkq3dWf0nqk8L9tqvI2eWJ3sM",
} satisfies PasswordResetProps;
