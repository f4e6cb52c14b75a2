import { useEffect, useState } from "react";
import { useT } from "~/lib/use-translation";

/** Plain share links (no third-party scripts) and a copy-link field that works without JavaScript. */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  // The copy button needs JavaScript; without it the selectable field is enough.
  const [canCopy, setCanCopy] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
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
        <label htmlFor="share-url">{t("thanks.link")}</label>
        <div className="share__copy-row">
          <input id="share-url" type="url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          {canCopy ? (
            <button
              type="button"
              className="button"
              aria-live="polite"
              onClick={() => {
                void navigator.clipboard.writeText(url).then(() => setCopied(true));
              }}
            >
              {copied ? t("thanks.copied") : t("thanks.copy")}
            </button>
          ) : null}
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
