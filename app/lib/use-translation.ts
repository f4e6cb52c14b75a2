import { useMatches } from "@remix-run/react";
import { useMemo } from "react";
import { DEFAULT_LANGUAGE, isLanguage, translator, type Translate } from "./i18n";
import type { Language } from "./languages";

/**
 * The page's language: the deepest route whose loader data names one (a campaign page speaks
 * its campaign's language), otherwise the visitor's preferred language from the root loader.
 */
export function usePageLanguage(): Language {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const data = matches[i]?.data as { language?: unknown } | undefined;
    if (data && isLanguage(data.language)) return data.language;
  }
  return DEFAULT_LANGUAGE;
}

export function useT(): Translate {
  const language = usePageLanguage();
  return useMemo(() => translator(language), [language]);
}
