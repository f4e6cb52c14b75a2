import MarkdownIt from "markdown-it";

/**
 * Campaign texts are written in Markdown by organizers and shown to everyone, so the output must
 * be safe whatever was typed: raw HTML is escaped (html: false), links may only go to http(s) or
 * mailto addresses and carry rel="nofollow noopener", and images are not rendered (the campaign
 * has a header image; remote pictures in the text would let any host watch the readers): an
 * image in the text shows as its description, in brackets, instead.
 */
const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;

const md = new MarkdownIt("default", { html: false, linkify: true, typographer: false, breaks: false });

md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

// The campaign title is the page's one h1: a "# Heading" in the text becomes an h2.
md.core.ruler.push("no_h1", (state) => {
  for (const token of state.tokens) {
    if ((token.type === "heading_open" || token.type === "heading_close") && token.tag === "h1") token.tag = "h2";
  }
});

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  token.attrSet("rel", "nofollow noopener");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

md.renderer.rules.image = (tokens, idx) => {
  const alt = tokens[idx]!.content.trim();
  return alt ? `[${md.utils.escapeHtml(alt)}]` : "";
};

/** The campaign text as HTML that is safe to insert into the page. */
export function renderCampaignMarkdown(source: string): string {
  return md.render(source);
}
