import { describe, expect, test } from "vitest";
import { campaignSchema, TITLE_MAX } from "~/lib/campaign-schema";
import { exportSchema } from "~/lib/export-schema";
import { fieldPath, fitsSchema, parseForm } from "~/lib/form-data.server";
import { MESSAGE_MAX, signFormSchema } from "~/lib/sign-schema";

const form = (body: string) => new URLSearchParams(body);
const newCampaign = campaignSchema({ mode: "create", groupIds: [1] });
const signForm = signFormSchema([]);

async function refusal(run: () => unknown): Promise<{ status: number; body: unknown }> {
  try {
    run();
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.json() };
    throw thrown;
  }
  throw new Error("the form was read");
}

describe("field names", () => {
  test("plain names and conform's list paths are read; anything else is not", () => {
    expect(fieldPath("title")).toEqual(["title"]);
    expect(fieldPath("pledges[3].optionId")).toEqual(["pledges", 3, "optionId"]);
    for (const name of ["", "a..b", "a[x]", "a[]", "a[007]", "a[100]", ".a", "[0]", "a.", "1a", "a b"]) expect(fieldPath(name), name).toBeNull();
  });
});

describe("forms that do not fit their schema", () => {
  test.each(["title=x&title=y", "title[0]=x", "title.a=x", "title[0].a=x", "groupId=1&groupId=2", "__intent__=garbage", "__state__={"])(
    "the new campaign form %s is refused with a 400 the error page words",
    async (body) => {
      expect(await refusal(() => parseForm(form(`${body}&summary=s`), { schema: newCampaign }))).toEqual({ status: 400, body: { refusal: "unreadableForm" } });
    },
  );

  test("unknown nested names and repeated unknown names are refused too", () => {
    expect(fitsSchema(form("firstName=Rosa&extra.a=1"), signForm)).toBe(false);
    expect(fitsSchema(form("firstName=Rosa&extra=1&extra=2"), signForm)).toBe(false);
    expect(fitsSchema(form("pledges[0].nope=1"), signForm)).toBe(false);
    expect(fitsSchema(form("pledges=1"), signForm)).toBe(false);
  });

  test("what our pages send fits: lists of objects, checkbox groups, unknown plain names (intent, honeypot)", () => {
    expect(fitsSchema(form("intent=save&title=T&summary=S&website="), newCampaign)).toBe(true);
    expect(fitsSchema(form("firstName=Rosa&pledges[0].optionId=3&pledges[0].chosen=on&pledges[1].preset=10"), signForm)).toBe(true);
    expect(fitsSchema(form("status=confirmed&columns=email&columns=firstName&columns=country"), exportSchema)).toBe(true);
  });
});

describe("what the reply echoes", () => {
  test("a value longer than its field allows is cut to the field's maximum; unknown fields are not echoed", () => {
    const submission = parseForm(form(`firstName=Rosa&message=${"m".repeat(60_000)}&title=${"t".repeat(9_000)}&extra=${"x".repeat(9_000)}`), { schema: signForm });
    expect(submission.status).toBe("error");
    const echoed = submission.reply().initialValue as Record<string, unknown>;
    expect(echoed.firstName).toBe("Rosa");
    expect(echoed.message).toBe("m".repeat(MESSAGE_MAX));
    expect(echoed.extra).toBeUndefined();
    const campaign = parseForm(form(`title=${"t".repeat(9_000)}`), { schema: newCampaign }).reply().initialValue as Record<string, unknown>;
    expect(campaign.title).toBe("t".repeat(TITLE_MAX));
  });
});

describe("what a form with several intents echoes", () => {
  test("each option of the union keeps its own limits: 'password' is echoed whole, a long intent is cut", async () => {
    const { accountSchema } = await import("~/lib/auth-schema");
    const password = parseForm(form("intent=password&currentPassword=x"), { schema: accountSchema }).reply().initialValue as Record<string, unknown>;
    expect(password.intent).toBe("password");
    const long = parseForm(form(`intent=${"i".repeat(5_000)}`), { schema: accountSchema }).reply().initialValue as Record<string, unknown>;
    expect(String(long.intent).length).toBeLessThanOrEqual("sign-out-everywhere".length);
  });
});
