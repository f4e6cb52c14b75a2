import { describe, expect, test } from "vitest";
import { crlfLines, csvCell, csvLine, neutraliseFormula } from "~/lib/csv.server";
import { parseCsv } from "../support/csv";

describe("CSV cells and lines", () => {
  test("quotes a cell only when it must, doubling its quotes; empty and NULL are empty", () => {
    expect(csvCell("Rosa")).toBe("Rosa");
    expect(csvCell("Berlin, DE")).toBe('"Berlin, DE"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("")).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", null, "b,c"])).toBe('a,,"b,c"\n');
  });

  test("formula triggers at the start of a header get an apostrophe", () => {
    expect(["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "Fund", "a=b"].map(neutraliseFormula)).toEqual(["'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "Fund", "a=b"]);
  });
});

describe("crlfLines", () => {
  const decode = (parts: Uint8Array[]) => Buffer.concat(parts).toString("utf8");

  test("every bare LF becomes CRLF, an existing CRLF stays, whatever the chunk boundaries", () => {
    const text = 'a,b\n"one\r\ntwo",c\n"x\ny",z\n';
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const convert = crlfLines();
      const out = decode([convert(bytes.subarray(0, cut)), convert(bytes.subarray(cut))]);
      expect(out, `cut at ${cut}`).toBe('a,b\r\n"one\r\ntwo",c\r\n"x\r\ny",z\r\n');
      expect(parseCsv(out)).toEqual([["a", "b"], ["one\r\ntwo", "c"], ["x\r\ny", "z"]]);
    }
  });

  test("a chunk without line feeds passes through untouched", () => {
    const chunk = Buffer.from("no line ends here");
    expect(crlfLines()(chunk)).toBe(chunk);
  });
});
