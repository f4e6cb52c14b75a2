import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import {
  campaignSchema,
  closingDateInputValue,
  GOAL_MAX,
  missingToPublish,
  parseClosingDate,
  reopenSchema,
  slugify,
  type CampaignSchemaOptions,
} from "~/lib/campaign-schema";

const NOW = new Date("2026-11-26T12:00:00Z");

function form(fields: Record<string, string | File>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const complete = {
  groupId: "7",
  title: "Solidarity with the posties",
  summary: "Stand with the workers.",
  body: "We **stand** with them.",
  target: "The CEO",
  goal: "1000",
  language: "en",
};

function parse(fields: Record<string, string | File>, options: Partial<CampaignSchemaOptions> = {}) {
  return parseWithZod(form(fields), { schema: campaignSchema({ mode: "create", groupIds: [7], now: NOW, ...options }) });
}

function errorsOf(fields: Record<string, string | File>, options: Partial<CampaignSchemaOptions> = {}) {
  const submission = parse(fields, options);
  return submission.status === "success" ? {} : (submission.reply().error ?? {});
}

describe("slugify", () => {
  test("lower-case ASCII words joined by dashes, accents stripped", () => {
    expect(slugify("Grève à l'usine: Ça va!")).toBe("greve-a-l-usine-ca-va");
    expect(slugify("  Straße für Arbeiter  ")).toBe("strasse-fur-arbeiter");
    expect(slugify("Huelga — ¡Ya!")).toBe("huelga-ya");
    expect(slugify("!!!")).toBe("");
  });

  test("at most 80 characters, never ending in a dash", () => {
    const slug = slugify("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe("closing dates", () => {
  test("a date alone keeps the campaign open all that day (UTC)", () => {
    expect(parseClosingDate("2026-12-31")?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
  test("a datetime-local value is taken as UTC", () => {
    expect(parseClosingDate("2026-12-31T17:30")?.toISOString()).toBe("2026-12-31T17:30:00.000Z");
    expect(closingDateInputValue(new Date("2026-12-31T17:30:00Z"))).toBe("2026-12-31T17:30");
  });
  test("impossible dates are refused", () => {
    expect(parseClosingDate("2026-02-31")).toBeNull();
    expect(parseClosingDate("2026-12-01T25:00")).toBeNull();
    expect(parseClosingDate("next friday")).toBeNull();
  });
});

describe("campaign form", () => {
  test("a complete form parses into typed values", () => {
    const submission = parse({ ...complete, requireConfirmation: "on", closesAt: "2026-12-31" });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({
      groupId: 7,
      title: "Solidarity with the posties",
      goal: 1000,
      language: "en",
      requireConfirmation: true,
      closesAt: new Date("2027-01-01T00:00:00Z"),
    });
    expect(submission.value.slug).toBeUndefined();
  });

  test("a draft may be saved with only a title; a published campaign needs its text", () => {
    const draft = { title: "Just an idea", goal: "100", language: "fr" };
    expect(parse(draft, { mode: "edit", status: "draft" }).status).toBe("success");
    const errors = errorsOf(draft, { mode: "edit", status: "open" });
    expect(errors.summary).toEqual(["campaignForm.errors.requiredPublished"]);
    expect(errors.body).toEqual(["campaignForm.errors.requiredPublished"]);
    expect(errors.target).toEqual(["campaignForm.errors.requiredPublished"]);
  });

  test("creating needs one of the organizer's groups", () => {
    expect(errorsOf({ ...complete, groupId: "8" }).groupId).toEqual(["campaignForm.errors.group"]);
    expect(errorsOf({ ...complete, groupId: "" }).groupId).toBeDefined();
  });

  test("the goal is a positive whole number with a sane maximum", () => {
    for (const goal of ["0", "-5", "2.5", "abc", String(GOAL_MAX + 1)]) {
      expect(errorsOf({ ...complete, goal }).goal, goal).toEqual([`campaignForm.errors.goal:${GOAL_MAX}`]);
    }
  });

  test("language is en, fr or es", () => {
    expect(errorsOf({ ...complete, language: "de" }).language).toEqual(["campaignForm.errors.language"]);
  });

  test("slugs: lower-case letters, digits and single dashes; ignored once locked", () => {
    expect(errorsOf({ ...complete, slug: "bad slug!" }).slug).toEqual(["campaignForm.errors.slugFormat"]);
    expect(errorsOf({ ...complete, slug: "double--dash" }).slug).toEqual(["campaignForm.errors.slugFormat"]);
    const ok = parse({ ...complete, slug: "Good-Slug-2" });
    expect(ok.status === "success" && ok.value.slug).toBe("good-slug-2");
    const locked = parse({ ...complete, slug: "anything else" }, { mode: "edit", status: "open", slugLocked: true });
    expect(locked.status === "success" && locked.value.slug).toBeUndefined();
  });

  test("a past closing date is refused on an open campaign, unless it is the stored one", () => {
    const past = { ...complete, closesAt: "2026-11-01T00:00" };
    expect(errorsOf(past, { mode: "edit", status: "open" }).closesAt).toEqual(["campaignForm.errors.closesAtPast"]);
    expect(parse(past, { mode: "edit", status: "open", storedClosesAt: "2026-11-01T00:00" }).status).toBe("success");
    // A draft is not public yet: publishing checks the date.
    expect(parse(past, { mode: "edit", status: "draft" }).status).toBe("success");
    expect(errorsOf({ ...complete, closesAt: "31/12/2026" }).closesAt).toEqual(["campaignForm.errors.closesAtFormat"]);
  });

  test("an image address must be https, and an image needs its description", () => {
    expect(errorsOf({ ...complete, imageUrl: "http://img.example/a.png", imageAlt: "x" }).imageUrl).toEqual(["campaignForm.errors.imageUrl"]);
    expect(errorsOf({ ...complete, imageUrl: "javascript:alert(1)", imageAlt: "x" }).imageUrl).toEqual(["campaignForm.errors.imageUrl"]);
    expect(errorsOf({ ...complete, imageUrl: "https://img.example/a.png" }).imageAlt).toEqual(["campaignForm.errors.imageAlt"]);
    expect(parse({ ...complete, imageUrl: "https://img.example/a.png", imageAlt: "Pickets at dawn" }).status).toBe("success");
    // A stored upload still needs its description, unless it is being removed.
    expect(errorsOf({ ...complete }, { mode: "edit", status: "draft", hasUpload: true }).imageAlt).toEqual(["campaignForm.errors.imageAlt"]);
    expect(parse({ ...complete, removeImage: "on" }, { mode: "edit", status: "draft", hasUpload: true }).status).toBe("success");
  });

  test("uploads: PNG, JPEG or WebP as declared, at most 2 MB, and not together with an address", () => {
    const png = new File([new Uint8Array(10)], "a.png", { type: "image/png" });
    expect(parse({ ...complete, imageFile: png, imageAlt: "x" }).status).toBe("success");
    const gif = new File([new Uint8Array(10)], "a.gif", { type: "image/gif" });
    expect(errorsOf({ ...complete, imageFile: gif, imageAlt: "x" }).imageFile).toEqual(["campaignForm.errors.imageType"]);
    const huge = new File([new Uint8Array(2 * 1024 * 1024 + 1)], "a.png", { type: "image/png" });
    expect(errorsOf({ ...complete, imageFile: huge, imageAlt: "x" }).imageFile).toEqual(["campaignForm.errors.imageTooBig:2"]);
    expect(errorsOf({ ...complete, imageFile: png, imageUrl: "https://img.example/a.png", imageAlt: "x" }).imageUrl).toEqual([
      "campaignForm.errors.imageBoth",
    ]);
    // An empty file control (nothing chosen) is no upload.
    const none = new File([], "", { type: "application/octet-stream" });
    expect(parse({ ...complete, imageFile: none }).status).toBe("success");
  });

  test("control characters are refused; Markdown newlines are kept", () => {
    expect(errorsOf({ ...complete, title: "a\u0000b" }).title).toEqual(["errors.invalidChars"]);
    const ok = parse({ ...complete, body: "line one\r\n\r\n- item" });
    expect(ok.status === "success" && ok.value.body).toBe("line one\n\n- item");
  });
});

describe("reopening", () => {
  test("needs a future closing date or none", () => {
    const schema = reopenSchema(NOW);
    expect(parseWithZod(form({ intent: "reopen", closesAt: "2026-11-01" }), { schema }).status).toBe("error");
    const future = parseWithZod(form({ intent: "reopen", closesAt: "2027-01-01" }), { schema });
    expect(future.status === "success" && future.value.closesAt).toEqual(new Date("2027-01-02T00:00:00Z"));
    const none = parseWithZod(form({ intent: "reopen", closesAt: "" }), { schema });
    expect(none.status === "success" && none.value.closesAt).toBeNull();
  });
});

test("missingToPublish names the empty required fields", () => {
  expect(missingToPublish({ title: "T", summary: " ", body: "", target: "X" })).toEqual(["summary", "body"]);
});
