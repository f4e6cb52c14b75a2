import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { Language } from "../../app/lib/languages";

/** The frame every Picket email shares: plain, readable on a phone, no images or trackers. */
export function Layout({
  language,
  preview,
  footer,
  children,
}: {
  language: Language;
  preview: string;
  footer: string;
  children: ReactNode;
}) {
  return (
    <Html lang={language}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f1ec", fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", maxWidth: "560px", padding: "24px", borderTop: "6px solid #b3261e" }}>
          <Text style={{ fontSize: "14px", fontWeight: 700, letterSpacing: "0.08em", color: "#b3261e", margin: "0 0 16px" }}>
            PICKET
          </Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e5e0d8", margin: "24px 0 12px" }} />
          <Text style={{ fontSize: "12px", color: "#6b6259", margin: 0 }}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { fontSize: "16px", lineHeight: "24px", color: "#1f1b16" } as const;
/**
 * A URL is one long word: without this it runs off a phone's screen. `word-break` is what older
 * mail programs know; `overflow-wrap: anywhere` is the standard one.
 */
export const breakAnywhere = { wordBreak: "break-all", overflowWrap: "anywhere" } as const;
export const button = {
  backgroundColor: "#b3261e",
  color: "#ffffff",
  fontSize: "18px",
  fontWeight: 700,
  padding: "14px 24px",
  borderRadius: "6px",
  textDecoration: "none",
  display: "inline-block",
} as const;

/**
 * The email's one action: a big button, then the same address written out for mail programs
 * that do not show buttons (and for copying to another device). Without a fallback text, the
 * button alone (for an address anyone can reach from the campaign page).
 */
export function ActionButton({ href, label, fallback }: { href: string; label: string; fallback?: string }) {
  return (
    <>
      <Button href={href} style={button}>
        {label}
      </Button>
      {fallback ? (
        <Text style={{ ...paragraph, fontSize: "14px" }}>
          {fallback}
          <br />
          <Link href={href} style={breakAnywhere}>
            {href}
          </Link>
        </Text>
      ) : null}
    </>
  );
}

/** Small, muted closing words ("if you did not ask for this, ignore it"). */
export function Aside({ children }: { children: ReactNode }) {
  return <Text style={{ ...paragraph, fontSize: "14px", color: "#6b6259" }}>{children}</Text>;
}
