import { Link, Text } from "@react-email/components";
import { translator } from "../app/lib/i18n";
import type { Language } from "../app/lib/languages";
import { Layout, paragraph } from "./components/Layout";

export interface AlreadySignedProps {
  language: Language;
  firstName: string;
  campaignTitle: string;
  campaignUrl: string;
}

export function alreadySignedSubject(p: AlreadySignedProps): string {
  return translator(p.language)("mail.already.subject", { title: p.campaignTitle });
}

export default function AlreadySigned(p: AlreadySignedProps) {
  const t = translator(p.language);
  return (
    <Layout
      language={p.language}
      preview={t("mail.already.preview")}
      footer={t("mail.footer", { title: p.campaignTitle })}
    >
      <Text style={paragraph}>{t("mail.confirm.greeting", { name: p.firstName })}</Text>
      <Text style={paragraph}>{t("mail.already.body", { title: p.campaignTitle })}</Text>
      <Text style={paragraph}>
        {t("mail.already.share")}
        <br />
        <Link href={p.campaignUrl}>{p.campaignUrl}</Link>
      </Text>
    </Layout>
  );
}

AlreadySigned.PreviewProps = {
  language: "en",
  firstName: "Rosa",
  campaignTitle: "Canada Post Workers Under Attack: Solidarity Needed Now!",
  campaignUrl: "http://localhost:3000/c/canada-post-solidarity",
} satisfies AlreadySignedProps;
