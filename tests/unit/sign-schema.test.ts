import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import { MESSAGE_MAX, NAME_MAX, normalizeEmail, pledgeFormSchema, signFormSchema, signSchema } from "~/lib/sign-schema";
import { translateError } from "~/lib/form-errors";
import { translator } from "~/lib/i18n";

const valid = {
  firstName: "Rosa",
  lastName: "Parks",
  email: "rosa@example.org",
  country: "US",
};

/** The error messages zod reports for one field (empty when the field is fine). */
function errorsFor(input: Record<string, unknown>, field: string): string[] {
  const result = signSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.filter((i) => i.path.join(".") === field).map((i) => i.message);
}

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("sign schema", () => {
  test("a complete signature with only the required fields is accepted", () => {
    const result = signSchema.safeParse(valid);
    expect(result.success).toBe(true);
  });

  test.each(["firstName", "lastName", "email", "country"])("%s is required", (field) => {
    const input: Record<string, unknown> = { ...valid };
    delete input[field];
    const expected = field === "country" ? "errors.country" : "errors.required";
    expect(errorsFor(input, field)).toContain(expected);
  });

  test("a name of only spaces counts as missing", () => {
    expect(errorsFor({ ...valid, firstName: "   " }, "firstName")).toEqual(["errors.required"]);
  });

  test("names are trimmed", () => {
    const result = signSchema.parse({ ...valid, firstName: "  Rosa ", lastName: "\tParks " });
    expect(result.firstName).toBe("Rosa");
    expect(result.lastName).toBe("Parks");
  });

  test.each(["=SUM(A1:A9)", "+33 6 00", "-2+3", "@import"])("a name starting with a formula character (%s) is refused", (name) => {
    expect(errorsFor({ ...valid, firstName: name }, "firstName")).toContain("errors.nameUnsafe");
    expect(errorsFor({ ...valid, lastName: name }, "lastName")).toContain("errors.nameUnsafe");
  });

  test("a formula character hidden behind leading spaces is still refused", () => {
    expect(errorsFor({ ...valid, lastName: "  =cmd|' /C calc'!A0" }, "lastName")).toContain("errors.nameUnsafe");
  });

  test("formula characters inside a name are fine", () => {
    expect(errorsFor({ ...valid, lastName: "Smith-Jones" }, "lastName")).toEqual([]);
    expect(errorsFor({ ...valid, firstName: "Jean-Luc" }, "firstName")).toEqual([]);
  });

  test.each(["Visit https://spam.example", "www.cheap-pills", "Bob spam.com", "Win at casino.xyz now", "http://x"])(
    "a name containing a web address (%s) is refused",
    (name) => {
      expect(errorsFor({ ...valid, firstName: name }, "firstName")).toContain("errors.nameLink");
    },
  );

  test("ordinary names with dots or apostrophes are accepted", () => {
    for (const name of ["O'Brien", "J. R.", "Lucía", "Nguyễn", "Zoë", "Mary Ann"]) {
      expect(errorsFor({ ...valid, lastName: name }, "lastName"), name).toEqual([]);
    }
  });

  test("names longer than the limit are refused with the limit in the error", () => {
    expect(errorsFor({ ...valid, firstName: "a".repeat(NAME_MAX) }, "firstName")).toEqual([]);
    expect(errorsFor({ ...valid, firstName: "a".repeat(NAME_MAX + 1) }, "firstName")).toEqual([`errors.tooLong:${NAME_MAX}`]);
  });

  test("the email is trimmed and must look like an address", () => {
    expect(signSchema.parse({ ...valid, email: "  Rosa.Parks@Example.ORG " }).email).toBe("Rosa.Parks@Example.ORG");
    for (const email of ["rosa", "rosa@", "@example.org", "rosa@example", "rosa parks@example.org"]) {
      expect(errorsFor({ ...valid, email }, "email"), email).toContain("errors.email");
    }
  });

  test("normalizeEmail trims and lower-cases, so letter case never makes a second signature", () => {
    expect(normalizeEmail("  Rosa.Parks@Example.ORG ")).toBe("rosa.parks@example.org");
    expect(normalizeEmail("ROSA@EXAMPLE.ORG")).toBe(normalizeEmail("rosa@example.org"));
  });

  test("the message may be up to the limit, and not one character more", () => {
    expect(errorsFor({ ...valid, message: "x".repeat(MESSAGE_MAX) }, "message")).toEqual([]);
    expect(errorsFor({ ...valid, message: "x".repeat(MESSAGE_MAX + 1) }, "message")).toEqual([`errors.tooLong:${MESSAGE_MAX}`]);
  });

  test("an empty optional field becomes undefined rather than an empty string", () => {
    const result = signSchema.parse({ ...valid, message: "   ", postalCode: "", organization: "" });
    expect(result.message).toBeUndefined();
    expect(result.postalCode).toBeUndefined();
    expect(result.organization).toBeUndefined();
  });

  test.each([
    ["firstName", "Ro\u0000sa"],
    ["lastName", "Par\u0007ks"],
    ["message", "hello\u001bworld"],
    ["organization", "Union\u007f"],
    ["postalCode", "H2X\u00001Y4"],
  ])("control characters in %s are refused", (field, value) => {
    expect(errorsFor({ ...valid, [field]: value }, field)).toContain("errors.invalidChars");
  });

  test("line breaks and tabs in a message are fine", () => {
    expect(errorsFor({ ...valid, message: "Line one\nLine two\r\n\tindented" }, "message")).toEqual([]);
  });

  test("an unknown country code is refused", () => {
    for (const country of ["ZZ", "us", "USA", ""]) {
      expect(errorsFor({ ...valid, country }, "country"), country).toEqual(["errors.country"]);
    }
  });

  test("the checkboxes default to unticked", () => {
    const result = signSchema.parse(valid);
    expect(result.showName).toBe(false);
    expect(result.updatesOptIn).toBe(false);
  });

  test("a submitted form without the checkboxes leaves them false; ticked ones are true", () => {
    const unticked = parseWithZod(formData(valid), { schema: signSchema });
    expect(unticked.status).toBe("success");
    if (unticked.status === "success") {
      expect(unticked.value.showName).toBe(false);
      expect(unticked.value.updatesOptIn).toBe(false);
    }
    const ticked = parseWithZod(formData({ ...valid, showName: "on", updatesOptIn: "on" }), { schema: signSchema });
    expect(ticked.status).toBe("success");
    if (ticked.status === "success") {
      expect(ticked.value.showName).toBe(true);
      expect(ticked.value.updatesOptIn).toBe(true);
    }
  });

  test("a submitted form reports each field's error by name", () => {
    const submission = parseWithZod(formData({ firstName: "=1+1", lastName: "", email: "nope", country: "XX" }), {
      schema: signSchema,
    });
    expect(submission.status).toBe("error");
    const errors = submission.reply().error ?? {};
    expect(errors.firstName).toContain("errors.nameUnsafe");
    expect(errors.lastName).toContain("errors.required");
    expect(errors.email).toContain("errors.email");
    expect(errors.country).toContain("errors.country");
  });

  test("schema errors translate into sentences, with the limit filled in", () => {
    const t = translator("en");
    expect(translateError(t, "errors.tooLong:100")).toBe("Please keep this under 100 characters.");
    expect(translateError(t, "errors.nameUnsafe")).toBe("Names cannot start with =, +, - or @.");
  });
});

describe("the pledge part of the sign form", () => {
  const options = [
    { id: 7, kind: "money" as const },
    { id: 9, kind: "action" as const },
  ];
  const schema = signFormSchema(options);
  const parse = (fields: Record<string, string>) => parseWithZod(formData({ ...valid, ...fields }), { schema });
  const errorsOf = (fields: Record<string, string>) => {
    const result = parse(fields);
    return result.status === "error" ? result.error : {};
  };

  test("no pledge fields at all is a plain signature", () => {
    const result = parse({});
    expect(result.status).toBe("success");
    if (result.status === "success") expect(result.value.pledges).toEqual([]);
  });

  test("ticked options become pledges; unticked ones, even with an amount picked, do not", () => {
    const result = parse({
      "pledges[0].optionId": "7",
      "pledges[0].preset": "25",
      "pledges[1].optionId": "9",
      "pledges[1].chosen": "on",
    });
    expect(result.status).toBe("success");
    if (result.status === "success") expect(result.value.pledges).toEqual([{ optionId: 9, amountMinor: null }]);
  });

  test("a typed amount wins over a suggested one; an amount sent for an action is ignored", () => {
    const result = parse({
      "pledges[0].optionId": "7",
      "pledges[0].chosen": "on",
      "pledges[0].preset": "25",
      "pledges[0].amount": "30,75",
      "pledges[1].optionId": "9",
      "pledges[1].chosen": "on",
      "pledges[1].amount": "12",
    });
    expect(result.status).toBe("success");
    if (result.status === "success") {
      expect(result.value.pledges).toEqual([
        { optionId: 7, amountMinor: 3075 },
        { optionId: 9, amountMinor: null },
      ]);
    }
  });

  test.each([
    ["", "errors.amountRequired"],
    ["0", "errors.amountPositive"],
    ["-1", "errors.amountPositive"],
    ["1000000.01", "errors.amountMax"],
    ["3.141", "errors.amountDecimals"],
    ["lots", "errors.amountFormat"],
  ])("a chosen money option with amount %j has the error %s on its amount field", (amount, error) => {
    expect(errorsOf({ "pledges[0].optionId": "7", "pledges[0].chosen": "on", "pledges[0].amount": amount })?.["pledges[0].amount"]).toEqual([error]);
  });

  test("an option the campaign does not offer, or the same option twice, is an error on the pledge fieldset", () => {
    expect(errorsOf({ "pledges[0].optionId": "8", "pledges[0].chosen": "on" })?.["pledges"]).toEqual(["errors.pledgeOption"]);
    const twice = { "pledges[0].optionId": "9", "pledges[0].chosen": "on", "pledges[1].optionId": "9", "pledges[1].chosen": "on" };
    expect(errorsOf(twice)?.["pledges"]).toEqual(["errors.pledgeOption"]);
  });

  test("the thank-you form takes the pledges alone", () => {
    const result = parseWithZod(formData({ "pledges[0].optionId": "7", "pledges[0].chosen": "on", "pledges[0].preset": "10" }), {
      schema: pledgeFormSchema(options),
    });
    expect(result.status).toBe("success");
    if (result.status === "success") expect(result.value).toEqual({ pledges: [{ optionId: 7, amountMinor: 1000 }] });
  });

  test("every pledge error is a message in the catalogue", () => {
    const t = translator("en");
    for (const key of ["errors.amountRequired", "errors.amountFormat", "errors.amountDecimals", "errors.amountPositive", "errors.amountMax", "errors.pledgeOption"]) {
      expect(translateError(t, key)).not.toBe(key);
    }
  });
});
