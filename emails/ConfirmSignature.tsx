import { Text } from "@react-email/components";
import { translator } from "../app/lib/i18n";
import type { Language } from "../app/lib/languages";
import { ActionButton, Aside, Layout, paragraph } from "./components/Layout";

export interface ConfirmSignatureProps {
  language: Language;
  firstName: string;
  campaignTitle: string;
  confirmUrl: string;
}

export function confirmSignatureSubject(p: ConfirmSignatureProps): string {
  return translator(p.language)("mail.confirm.subject", { title: p.campaignTitle });
}

export default function ConfirmSignature(p: ConfirmSignatureProps) {
  const t = translator(p.language);
  return (
    <Layout
      language={p.language}
      preview={t("mail.confirm.preview", { title: p.campaignTitle })}
      footer={t("mail.footer", { title: p.campaignTitle })}
    >
      <Text style={paragraph}>{t("mail.confirm.greeting", { name: p.firstName })}</Text>
      <Text style={paragraph}>{t("mail.confirm.body", { title: p.campaignTitle })}</Text>
      <ActionButton href={p.confirmUrl} label={t("mail.confirm.button")} fallback={t("mail.confirm.fallback")} />
      <Aside>{t("mail.confirm.ignore")}</Aside>
    </Layout>
  );
}

ConfirmSignature.PreviewProps = {
  language: "en",
  firstName: "Rosa",
  campaignTitle: "Canada Post Workers Under Attack: Solidarity Needed Now!",
  confirmUrl: "http://localhost:3000/confirm/2x7Qd5oYtQbQ1m8xVdJkq3dWf0nqk8L9tqvI2eWJ3sM",
} satisfies ConfirmSignatureProps;
