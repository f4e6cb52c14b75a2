import { describe, expect, it } from "vitest";
import { resolveEmailTypo, suggestEmail } from "~/lib/email-typo";

describe("suggestEmail", () => {
  it.each([
    ["rosa@gmial.com", "rosa@gmail.com"],
    ["rosa@hotmal.com", "rosa@hotmail.com"],
    ["rosa@yahoo.con", "rosa@yahoo.com"],
    ["Rosa.P@GMAIL.CO", "Rosa.P@gmail.com"],
    ["rosa@videotrn.ca", "rosa@videotron.ca"],
    ["rosa@prodigy.net.mz", "rosa@prodigy.net.mx"],
  ])("suggests a correction for %s", (typed, expected) => {
    expect(suggestEmail(typed)).toBe(expected);
  });

  it.each(["rosa@gmail.com", "rosa@hotmail.fr", "rosa@yahoo.com.mx", "rosa@cupw-sttp.org", "rosa@unifor.org", "rosa@example.org", "", "rosa", "rosa@", "@gmial.com", "rosa@localhost"])(
    "leaves %j alone",
    (typed) => {
      expect(suggestEmail(typed)).toBeNull();
    },
  );
});

describe("resolveEmailTypo", () => {
  it("asks once about a likely typo, then follows the answer", () => {
    expect(resolveEmailTypo("rosa@gmial.com", undefined)).toEqual({ status: "ask", typed: "rosa@gmial.com", suggestion: "rosa@gmail.com" });
    expect(resolveEmailTypo("rosa@gmial.com", "use")).toEqual({ status: "ok", email: "rosa@gmail.com" });
    expect(resolveEmailTypo("rosa@gmial.com", "keep")).toEqual({ status: "ok", email: "rosa@gmial.com" });
  });

  it("signs a plausible address as typed whatever the form says", () => {
    expect(resolveEmailTypo("rosa@cupw-sttp.org", undefined)).toEqual({ status: "ok", email: "rosa@cupw-sttp.org" });
    expect(resolveEmailTypo("rosa@cupw-sttp.org", "use")).toEqual({ status: "ok", email: "rosa@cupw-sttp.org" });
  });
});
