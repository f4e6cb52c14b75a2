/** Title and share-preview tags (Open Graph, Twitter) for a campaign page. */
export function campaignMeta(c: { title: string; summary: string; url: string; language: string }, siteName = "Picket") {
  const title = `${c.title} · ${siteName}`;
  return [
    { title },
    { name: "description", content: c.summary },
    { tagName: "link", rel: "canonical", href: c.url },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: siteName },
    { property: "og:title", content: c.title },
    { property: "og:description", content: c.summary },
    { property: "og:url", content: c.url },
    { property: "og:locale", content: c.language },
    { name: "twitter:card", content: "summary" },
    { name: "twitter:title", content: c.title },
    { name: "twitter:description", content: c.summary },
  ];
}
