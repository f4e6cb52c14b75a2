import { Text } from "@react-email/components";
import { translator } from "../app/lib/i18n";
import type { Language } from "../app/lib/languages";
import { ActionButton, Aside, Layout, paragraph } from "./components/Layout";

export interface MagicLinkProps {
  language: Language;
  name: string;
  signInUrl: string;
}

export function magicLinkSubject(p: MagicLinkProps): string {
  return translator(p.language)("mail.magic.subject");
}

export default function MagicLink(p: MagicLinkProps) {
  const t = translator(p.language);
  return (
    <Layout language={p.language} preview={t("mail.magic.preview")} footer={t("mail.org.footer")}>
      <Text style={paragraph}>{t("mail.org.greeting", { name: p.name })}</Text>
      <Text style={paragraph}>{t("mail.magic.body")}</Text>
      <ActionButton href={p.signInUrl} label={t("mail.magic.button")} fallback={t("mail.org.fallback")} />
      <Aside>{t("mail.org.ignore")}</Aside>
    </Layout>
  );
}

MagicLink.PreviewProps = {
  language: "en",
  name: "Lucy Parsons",
  signInUrl: "http://localhost:3000/org/magic/2x7Qd5oYtQbQ1m8xVdJkq3dWf0nqk8L9tqvI2eWJ3sM",
} satisfies MagicLinkProps;
