import { describe, expect, test } from "vitest";
import { COUNTRY_CODES, countryName, countryOptions, isCountryCode } from "~/lib/countries";

describe("countries", () => {
  test("codes are unique two-letter upper-case codes", () => {
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  test("the list holds the countries campaigns come from, and Kosovo", () => {
    for (const code of ["CA", "MX", "US", "FR", "GB", "IN", "XK"]) expect(isCountryCode(code)).toBe(true);
  });

  test("isCountryCode refuses lower case, unknown and three-letter codes", () => {
    for (const code of ["ca", "ZZ", "CAN", "", "UK"]) expect(isCountryCode(code), code).toBe(false);
  });

  test("names follow the reader's language", () => {
    expect(countryName("DE", "en")).toBe("Germany");
    expect(countryName("DE", "fr")).toBe("Allemagne");
    expect(countryName("DE", "es")).toBe("Alemania");
  });

  test("an impossible locale falls back to the code instead of failing", () => {
    expect(countryName("DE", "!!")).toBe("DE");
  });

  test("options list every code once, sorted by name in the reader's language", () => {
    for (const locale of ["en", "fr", "es"]) {
      const options = countryOptions(locale);
      expect(options.map((o) => o.code).sort()).toEqual([...COUNTRY_CODES].sort());
      const collator = new Intl.Collator(locale);
      for (let i = 1; i < options.length; i++) {
        expect(collator.compare(options[i - 1]!.name, options[i]!.name)).toBeLessThanOrEqual(0);
      }
    }
  });
});
