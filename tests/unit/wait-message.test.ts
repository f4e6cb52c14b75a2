import { describe, expect, test } from "vitest";
import { waitMessage } from "~/lib/auth-responses.server";
import { translator } from "~/lib/i18n";
import type { Language } from "~/lib/languages";
import { translateError } from "~/lib/form-errors";

/** What a throttled person reads, in the page's language, for a wait of `seconds`. */
function shown(language: Language, key: Parameters<typeof waitMessage>[0], seconds: number): string {
  return translateError(translator(language), waitMessage(key, seconds));
}

describe("how long to wait, in words", () => {
  test("minutes are rounded up and take the language's plural form", () => {
    expect(shown("en", "auth.errors.throttled", 30)).toContain("Try again in 1 minute,");
    expect(shown("en", "auth.errors.throttled", 14 * 60 + 1)).toContain("Try again in 15 minutes,");
    expect(shown("fr", "auth.errors.throttled", 60)).toContain("Réessayez dans 1 minute,");
    expect(shown("fr", "auth.errors.throttled", 120)).toContain("Réessayez dans 2 minutes,");
    expect(shown("es", "auth.errors.linkThrottled", 59)).toContain("Vuelve a intentarlo en 1 minuto.");
    expect(shown("es", "auth.errors.linkThrottled", 3600)).toContain("Vuelve a intentarlo en 60 minutos.");
  });
});
