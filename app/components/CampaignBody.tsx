/**
 * The campaign text, rendered from Markdown on the server by `renderCampaignMarkdown`
 * (app/lib/markdown.server.ts), which escapes raw HTML and keeps only http(s) and mailto links.
 * Only ever pass that function's output here.
 */
export function CampaignBody({ html }: { html: string }) {
  return <div className="campaign__body" dangerouslySetInnerHTML={{ __html: html }} />;
}
