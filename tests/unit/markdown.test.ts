import { describe, expect, test } from "vitest";
import { renderCampaignMarkdown } from "~/lib/markdown.server";

describe("campaign Markdown", () => {
  test("renders paragraphs, emphasis, lists and headings (none as big as the page title)", () => {
    const html = renderCampaignMarkdown("# Why\n\n## Demands\n\n### Pay\n\nWe **stand** with *them*.\n\n- pay\n- safety");
    expect(html).toContain("<h2>Why</h2>");
    expect(html).toContain("<h2>Demands</h2>");
    expect(html).toContain("<h3>Pay</h3>");
    expect(html).toContain("<strong>stand</strong>");
    expect(html).toContain("<em>them</em>");
    expect(html).toContain("<li>pay</li>");
  });

  test("raw HTML is shown as text: a <script> never reaches the page as a tag", () => {
    const html = renderCampaignMarkdown('Hello <script>alert("x")</script>\n\n<div>block</div>');
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<div>");
  });

  test("event handlers in HTML are escaped, not attributes", () => {
    const html = renderCampaignMarkdown('<img src=x onerror="alert(1)">');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;img");
  });

  test("javascript:, data: and vbscript: links are not links", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "/relative"]) {
      const html = renderCampaignMarkdown(`[click](${href})`);
      expect(html, href).not.toContain("<a");
    }
    expect(renderCampaignMarkdown("<javascript:alert(1)>")).not.toContain("<a");
  });

  test("http(s) and mailto links are kept, with rel=nofollow noopener", () => {
    const html = renderCampaignMarkdown("[site](https://union.example/) and [mail](mailto:a@union.example)");
    expect(html).toContain('<a href="https://union.example/" rel="nofollow noopener">site</a>');
    expect(html).toContain('<a href="mailto:a@union.example" rel="nofollow noopener">mail</a>');
  });

  test("bare addresses become links (linkify), also with rel", () => {
    const html = renderCampaignMarkdown("Read more at https://union.example/strike");
    expect(html).toContain('<a href="https://union.example/strike" rel="nofollow noopener">');
  });

  test("images in the text are not rendered (no tracking pixels): their description shows instead", () => {
    const html = renderCampaignMarkdown("Before ![Strikers at the gate](https://tracker.example/p.gif) after ![](https://t.example/x.gif)");
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain("tracker.example");
    expect(html).toBe("<p>Before [Strikers at the gate] after </p>\n");
  });

  test("an image description cannot inject markup", () => {
    const html = renderCampaignMarkdown('![<script>alert(1)</script>](https://x.example/a.png)');
    expect(html).not.toContain("<script>");
  });

  test("attribute injection through a link title stays inside the attribute", () => {
    const html = renderCampaignMarkdown('[x](https://a.example "t\\" onmouseover=\\"alert(1)")');
    expect(html).not.toMatch(/\sonmouseover="/);
    expect(html).toContain("t&quot; onmouseover=&quot;alert(1)");
  });
});
