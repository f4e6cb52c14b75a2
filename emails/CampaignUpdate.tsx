import { Heading, Link, Text } from "@react-email/components";
import { translator } from "../app/lib/i18n";
import type { Language } from "../app/lib/languages";
import { ActionButton, Aside, Layout, paragraph } from "./components/Layout";

export interface CampaignUpdateProps {
  language: Language;
  campaignTitle: string;
  campaignUrl: string;
  subject: string;
  /** The organizer's Markdown, already rendered to safe HTML (app/lib/markdown.server.ts). */
  bodyHtml: string;
  unsubscribeUrl: string;
}

/**
 * An organizer's news to the signers who asked for it. The campaign's title heads it (its
 * branding: the same words and colours as its page, no remote pictures), the organizer's text
 * follows, and the footer says why it came and how to stop it with one click.
 */
export default function CampaignUpdate(p: CampaignUpdateProps) {
  const t = translator(p.language);
  return (
    <Layout language={p.language} preview={p.subject} footer={t("mail.footer", { title: p.campaignTitle })}>
      <Heading as="h1" style={{ fontSize: "22px", lineHeight: "28px", color: "#1f1b16", margin: "0 0 8px" }}>
        <Link href={p.campaignUrl} style={{ color: "#1f1b16", textDecoration: "none" }}>
          {p.campaignTitle}
        </Link>
      </Heading>
      <Text style={{ ...paragraph, fontWeight: 700, margin: "0 0 16px" }}>{p.subject}</Text>
      {/* The organizer's text may hold a long address: it wraps rather than widening the email. */}
      <div style={{ ...paragraph, overflowWrap: "anywhere" }} dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
      <ActionButton href={p.campaignUrl} label={t("mail.update.campaignLink")} />
      <Aside>
        {t("mail.update.why", { title: p.campaignTitle })}{" "}
        <Link href={p.unsubscribeUrl}>{t("mail.update.unsubscribe")}</Link>
      </Aside>
    </Layout>
  );
}

CampaignUpdate.PreviewProps = {
  language: "en",
  campaignTitle: "Canada Post Workers Under Attack: Solidarity Needed Now!",
  campaignUrl: "http://localhost:3000/c/canada-post-solidarity",
  subject: "The strike fund passed $100k",
  bodyHtml: "<p>Thank you all. <strong>Rally Saturday</strong> at the sorting plant, 10 am.</p>",
  unsubscribeUrl: "http://localhost:3000/u/preview",
} satisfies CampaignUpdateProps;
