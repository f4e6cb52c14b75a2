import { useState } from "react";
import { useT } from "~/lib/use-translation";

/** Plain share links (no third-party scripts) and a copy-link field that works without JavaScript. */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const text = t("thanks.shareText", { title });
  const u = encodeURIComponent(url);
  const links = [
    { name: "WhatsApp", href: `https://wa.me/?text=${encodeURIComponent(`${text} ${url}`)}` },
    { name: "Telegram", href: `https://t.me/share/url?url=${u}&text=${encodeURIComponent(text)}` },
    { name: "X", href: `https://x.com/intent/post?text=${encodeURIComponent(text)}&url=${u}` },
    { name: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: "Email", href: `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(`${text}\n\n${url}`)}` },
  ];
  return (
    <div className="share">
      <div className="share__copy">
        <label htmlFor="share-url">{t("thanks.copy")}</label>
        <div className="share__copy-row">
          <input id="share-url" type="url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          <button
            type="button"
            className="button"
            onClick={() => {
              void navigator.clipboard?.writeText(url).then(() => setCopied(true));
            }}
          >
            {copied ? t("thanks.copied") : t("thanks.copy")}
          </button>
        </div>
      </div>
      <ul className="share__links">
        {links.map((l) => (
          <li key={l.name}>
            <a className="button" href={l.href} target="_blank" rel="noopener noreferrer">
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
