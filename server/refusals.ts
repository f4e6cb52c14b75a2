import type express from "express";
import { languageFromHeader, translator } from "../app/lib/i18n";

/**
 * The short pages the HTTP layer answers with before Remix sees a request (a body over the limit,
 * a form posted from another site): a few hundred bytes in the reader's language, no app shell,
 * nothing of what was sent.
 */
export type Refusal = "tooLarge" | "crossSite";

const STATUS: Record<Refusal, number> = { tooLarge: 413, crossSite: 403 };

export function refusalPage(refusal: Refusal, acceptLanguage: string | undefined): string {
  const language = languageFromHeader(acceptLanguage);
  const t = translator(language);
  const title = t(`refusal.${refusal}.title`);
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><h1>${title}</h1><p>${t(`refusal.${refusal}.body`)}</p><p><a href="/">${t("errors.backHome")}</a></p></body></html>`;
}

export function sendRefusal(req: express.Request, res: express.Response, refusal: Refusal): void {
  if (res.headersSent) return;
  res.status(STATUS[refusal]).type("html");
  res.send(refusalPage(refusal, req.get("accept-language")));
}
