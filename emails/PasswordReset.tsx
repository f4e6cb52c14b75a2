import { Button, Link, Text } from "@react-email/components";
import { translator } from "../app/lib/i18n";
import type { Language } from "../app/lib/languages";
import { Layout, button, paragraph } from "./components/Layout";

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
      <Button href={p.resetUrl} style={button}>
        {t("mail.reset.button")}
      </Button>
      <Text style={{ ...paragraph, fontSize: "14px" }}>
        {t("mail.org.fallback")}
        <br />
        <Link href={p.resetUrl}>{p.resetUrl}</Link>
      </Text>
      <Text style={{ ...paragraph, fontSize: "14px", color: "#6b6259" }}>{t("mail.org.ignore")}</Text>
    </Layout>
  );
}

PasswordReset.PreviewProps = {
  language: "en",
  name: "Lucy Parsons",
  resetUrl: "http://localhost:3000/org/reset/2x7Qd5oYtQbQ1m8xVdJkq3dWf0nqk8L9tqvI2eWJ3sM",
} satisfies PasswordResetProps;
