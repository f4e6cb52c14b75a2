import { describe, expect, test } from "vitest";
import { referralSource } from "~/lib/source";

const params = (query: string) => new URLSearchParams(query);

describe("referralSource", () => {
  test("reads ?ref=", () => {
    expect(referralSource(params("ref=cupw-local-12"))).toBe("cupw-local-12");
  });

  test("falls back to utm_source, then source", () => {
    expect(referralSource(params("utm_source=newsletter"))).toBe("newsletter");
    expect(referralSource(params("source=twitter"))).toBe("twitter");
    expect(referralSource(params("utm_source=newsletter&ref=flyer"))).toBe("flyer");
  });

  test("no code gives null", () => {
    expect(referralSource(params(""))).toBeNull();
    expect(referralSource(params("ref="))).toBeNull();
    expect(referralSource(params("ref=&utm_source=newsletter")), "an empty ref falls back").toBe("newsletter");
  });

  test("codes with anything but letters, digits, dot, dash and underscore are dropped", () => {
    for (const bad of ["<script>", "a b", "rosa@example.org", "=HYPERLINK()", "ref/../x", "é"]) {
      expect(referralSource(params(`ref=${encodeURIComponent(bad)}`)), bad).toBeNull();
    }
  });

  test("surrounding spaces are trimmed", () => {
    expect(referralSource(params("ref=%20flyer%20"))).toBe("flyer");
  });

  test("long codes are cut to 64 characters", () => {
    const long = "a".repeat(100);
    expect(referralSource(params(`ref=${long}`))).toBe("a".repeat(64));
  });

  test("works on a submitted form as well", () => {
    const form = new FormData();
    form.append("source", "flyer_2024.v2");
    expect(referralSource(form)).toBe("flyer_2024.v2");
  });

  test("a file in the form is not a code", () => {
    const form = new FormData();
    form.append("ref", new Blob(["x"]), "x.txt");
    expect(referralSource(form)).toBeNull();
  });
});
