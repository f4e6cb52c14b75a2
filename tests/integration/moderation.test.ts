import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { auditLog, groups, memberships, organizers, signatures, type Campaign, type Role } from "../../db/schema";
import { confirmedCount, recentPublicSigners } from "~/lib/campaigns.server";
import {
  decodeCursor,
  encodeCursor,
  hideMessage,
  listSigners,
  removeAsSpam,
  restoreSignature,
  unhideMessage,
  type ModerationActor,
  type SignerFilters,
} from "~/lib/moderation.server";
import { addConfirmed, recountConfirmed } from "~/lib/signatures.server";
import { fileDatabase } from "../support/suite";
import { createTestCampaign, uniqueSuffix } from "../support/factories";

const { db } = await fileDatabase();

// Private helpers until tests/support/organizer-factories.ts lands.
async function createGroupWith(role: Role = "organizer") {
  const suffix = uniqueSuffix();
  const [group] = await db.insert(groups).values({ name: `Strike committee ${suffix}` }).returning();
  const [organizer] = await db.insert(organizers).values({ email: `org-${suffix}@example.org`, name: `Organizer ${suffix}` }).returning();
  await db.insert(memberships).values({ groupId: group!.id, organizerId: organizer!.id, role });
  return { group: group!, organizer: organizer! };
}

async function campaignWithOrganizer(): Promise<{ campaign: Campaign; actor: ModerationActor }> {
  const { group, organizer } = await createGroupWith();
  const campaign = await createTestCampaign(db, { groupId: group.id });
  return { campaign, actor: { organizerId: organizer.id, campaign } };
}

interface SignerValues {
  firstName?: string;
  lastName?: string;
  email?: string;
  country?: string;
  message?: string | null;
  showName?: boolean;
  confirmed?: boolean;
  createdAt?: Date;
  source?: string | null;
  removed?: boolean;
}

/** Inserts a signature directly; a confirmed one is also counted, as confirmSignature would. */
async function addSigner(campaign: Campaign, values: SignerValues = {}): Promise<number> {
  const email = values.email ?? `signer-${uniqueSuffix()}@example.org`;
  const createdAt = values.createdAt ?? new Date();
  const [row] = await db
    .insert(signatures)
    .values({
      campaignId: campaign.id,
      firstName: values.firstName ?? "Rosa",
      lastName: values.lastName ?? "Luxemburg",
      email,
      emailNormalized: email.trim().toLowerCase(),
      country: values.country ?? "DE",
      message: values.message ?? null,
      showName: values.showName ?? true,
      locale: "en",
      source: values.source ?? null,
      createdAt,
      confirmedAt: values.confirmed === false ? null : createdAt,
      removedAt: values.removed ? createdAt : null,
    })
    .returning({ id: signatures.id });
  if (values.confirmed !== false && !values.removed) await addConfirmed(db, campaign.id, 1);
  return row!.id;
}

async function names(campaign: Campaign, filters: SignerFilters): Promise<string[]> {
  const page = await listSigners(db, campaign.id, filters);
  return page.rows.map((r) => `${r.firstName} ${r.lastName}`).sort();
}

describe("finding signers", () => {
  test("search finds people by name or email, in any case, and only in this campaign", async () => {
    const { campaign } = await campaignWithOrganizer();
    const other = await createTestCampaign(db);
    await addSigner(campaign, { firstName: "Rosa", lastName: "Luxemburg", email: "rosa.l@example.org" });
    await addSigner(campaign, { firstName: "Karl", lastName: "Liebknecht", email: "karl@spartakus.example" });
    await addSigner(campaign, { firstName: "Clara", lastName: "Zetkin", email: "Clara.Zetkin@Example.ORG" });
    await addSigner(other, { firstName: "Rosa", lastName: "Elsewhere" });

    expect(await names(campaign, { search: "rosa" })).toEqual(["Rosa Luxemburg"]);
    expect(await names(campaign, { search: "LIEBKNECHT" })).toEqual(["Karl Liebknecht"]);
    expect(await names(campaign, { search: "rosa lux" })).toEqual(["Rosa Luxemburg"]);
    // A whole address, typed in another case: the exact lookup on email_normalized.
    expect(await names(campaign, { search: "CLARA.zetkin@example.org" })).toEqual(["Clara Zetkin"]);
    // Part of an address.
    expect(await names(campaign, { search: "SPARTAKUS" })).toEqual(["Karl Liebknecht"]);
    expect(await names(campaign, { search: "@example.org" })).toEqual(["Clara Zetkin", "Rosa Luxemburg"]);
    // LIKE wildcards are searched for literally.
    expect(await names(campaign, { search: "%" })).toEqual([]);
    expect(await names(campaign, { search: "_" })).toEqual([]);
    expect(await names(campaign, { search: "nobody" })).toEqual([]);
  });

  test("search ignores accents and case both ways, in names and addresses", async () => {
    const { campaign } = await campaignWithOrganizer();
    await addSigner(campaign, { firstName: "Jürgen", lastName: "Müller" });
    await addSigner(campaign, { firstName: "Hans", lastName: "MULLER" });
    await addSigner(campaign, { firstName: "Zoé", lastName: "Lefèvre", email: "zoé.lefèvre@example.fr" });
    await addSigner(campaign, { firstName: "Lucía", lastName: "García Núñez" });
    await addSigner(campaign, { firstName: "Søren", lastName: "Kierkegaard" });

    for (const search of ["muller", "Müller", "MÜLLER", "mUlLeR"]) {
      expect(await names(campaign, { search }), search).toEqual(["Hans MULLER", "Jürgen Müller"]);
    }
    expect(await names(campaign, { search: "zoe" })).toEqual(["Zoé Lefèvre"]);
    expect(await names(campaign, { search: "ZOÉ LEFEVRE" })).toEqual(["Zoé Lefèvre"]);
    expect(await names(campaign, { search: "lefevre@" })).toEqual(["Zoé Lefèvre"]);
    expect(await names(campaign, { search: "garcia" })).toEqual(["Lucía García Núñez"]);
    expect(await names(campaign, { search: "LUCIA GARCÍA nunez" })).toEqual(["Lucía García Núñez"]);
    expect(await names(campaign, { search: "soren" })).toEqual(["Søren Kierkegaard"]);
    expect(await names(campaign, { search: "jurgen müller" })).toEqual(["Jürgen Müller"]);
  });

  test("filters: confirmed or not, country, signing dates, removed", async () => {
    const { campaign, actor } = await campaignWithOrganizer();
    await addSigner(campaign, { firstName: "Early", country: "CA", createdAt: new Date("2026-03-01T23:59:59Z") });
    await addSigner(campaign, { firstName: "Middle", country: "FR", confirmed: false, createdAt: new Date("2026-03-02T00:00:00Z") });
    await addSigner(campaign, { firstName: "Late", country: "CA", confirmed: false, createdAt: new Date("2026-03-04T12:00:00Z") });
    const spam = await addSigner(campaign, { firstName: "Spam", country: "CA", createdAt: new Date("2026-03-02T10:00:00Z") });
    expect(await removeAsSpam(db, actor, spam)).toBe("done");
    const first = (list: string[]) => list.map((n) => n.split(" ")[0]);

    expect(first(await names(campaign, {}))).toEqual(["Early", "Late", "Middle"]);
    expect(first(await names(campaign, { includeRemoved: true }))).toEqual(["Early", "Late", "Middle", "Spam"]);
    expect(first(await names(campaign, { status: "confirmed" }))).toEqual(["Early"]);
    expect(first(await names(campaign, { status: "unconfirmed" }))).toEqual(["Late", "Middle"]);
    expect(first(await names(campaign, { country: "CA" }))).toEqual(["Early", "Late"]);
    expect(first(await names(campaign, { from: "2026-03-02" }))).toEqual(["Late", "Middle"]);
    expect(first(await names(campaign, { to: "2026-03-02" }))).toEqual(["Early", "Middle"]);
    expect(first(await names(campaign, { from: "2026-03-02", to: "2026-03-02", includeRemoved: true }))).toEqual(["Middle", "Spam"]);
    expect(first(await names(campaign, { country: "CA", status: "unconfirmed", from: "2026-03-03" }))).toEqual(["Late"]);
    const removed = (await listSigners(db, campaign.id, { includeRemoved: true })).rows.find((r) => r.id === spam);
    expect(removed?.removed).toBe(true);
  });
});

describe("keyset pagination", () => {
  test("next pages cover every row exactly once, newest first, even when many share a timestamp", async () => {
    const { campaign } = await campaignWithOrganizer();
    const base = Date.parse("2026-04-01T10:00:00Z");
    for (let i = 0; i < 30; i++) await addSigner(campaign, { firstName: `Apart${i}`, createdAt: new Date(base + i * 1000) });
    // 70 rows in one statement share now() to the microsecond: only the id tells them apart.
    await db.execute(sql`
      INSERT INTO signatures (campaign_id, first_name, last_name, email, email_normalized, country, locale, created_at)
      SELECT ${campaign.id}, 'Same', 'Moment' || g, 'same' || g || '@example.org', 'same' || g || '@example.org', 'CA', 'en', now()
      FROM generate_series(1, 70) g`);
    const expected = await db
      .select({ id: signatures.id })
      .from(signatures)
      .where(eq(signatures.campaignId, campaign.id))
      .orderBy(sql`created_at DESC, id DESC`);
    expect(expected).toHaveLength(100);

    const pageSize = 7;
    const seen: number[] = [];
    const pages: { first: number; previous: string | null }[] = [];
    let after = null as ReturnType<typeof decodeCursor>;
    for (let guard = 0; guard < 50; guard++) {
      const page = await listSigners(db, campaign.id, {}, { after }, pageSize);
      pages.push({ first: page.rows[0]!.id, previous: page.previousCursor });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      expect(page.rows).toHaveLength(pageSize);
      after = decodeCursor(page.nextCursor);
    }
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(pages[0]!.previous).toBeNull();

    // And back again: each "Previous" lands on the page before, ending on the first page.
    for (let i = pages.length - 1; i > 0; i--) {
      const back = await listSigners(db, campaign.id, {}, { before: decodeCursor(pages[i]!.previous) }, pageSize);
      expect(back.rows[0]!.id).toBe(pages[i - 1]!.first);
      expect(back.rows).toHaveLength(pageSize);
      if (i === 1) expect(back.previousCursor).toBeNull();
    }
  });

  test("pagination respects filters and search", async () => {
    const { campaign } = await campaignWithOrganizer();
    for (let i = 0; i < 12; i++) await addSigner(campaign, { firstName: i % 2 ? "Odd" : "Even", country: i % 2 ? "FR" : "CA" });
    const ids: number[] = [];
    let after = null as ReturnType<typeof decodeCursor>;
    for (;;) {
      const page = await listSigners(db, campaign.id, { search: "odd", country: "FR" }, { after }, 4);
      ids.push(...page.rows.map((r) => r.id));
      expect(page.rows.every((r) => r.firstName === "Odd")).toBe(true);
      if (!page.nextCursor) break;
      after = decodeCursor(page.nextCursor);
    }
    expect(new Set(ids).size).toBe(6);
  });

  test("cursors are opaque, carry no personal data and reject tampering", async () => {
    const cursor = { createdAt: "2026-04-01T10:00:00.123456Z", id: 42 };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
    for (const bad of ["", "nonsense", Buffer.from("2026-04-01|1").toString("base64url"), Buffer.from("x|y|z").toString("base64url")]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});

describe("moderation", () => {
  test("hiding a message takes it off the public page; showing it puts it back", async () => {
    const { campaign, actor } = await campaignWithOrganizer();
    const id = await addSigner(campaign, { firstName: "Ana", message: "Buy cheap watches" });

    expect(await hideMessage(db, actor, id)).toBe("done");
    expect(await hideMessage(db, actor, id)).toBe("unchanged");
    expect((await recentPublicSigners(db, campaign.id)).map((s) => [s.firstName, s.message])).toEqual([["Ana", null]]);
    const row = (await listSigners(db, campaign.id)).rows[0]!;
    expect(row).toMatchObject({ message: "Buy cheap watches", messageHidden: true });

    expect(await unhideMessage(db, actor, id)).toBe("done");
    expect(await unhideMessage(db, actor, id)).toBe("unchanged");
    expect((await recentPublicSigners(db, campaign.id))[0]?.message).toBe("Buy cheap watches");
  });

  test("removing confirmed spam lowers the count once; restoring raises it again", async () => {
    const { campaign, actor } = await campaignWithOrganizer();
    await addSigner(campaign, { firstName: "Real" });
    const spam = await addSigner(campaign, { firstName: "Spammer" });
    const pending = await addSigner(campaign, { firstName: "Pending", confirmed: false });
    expect(await confirmedCount(db, campaign.id)).toBe(2);

    expect(await removeAsSpam(db, actor, spam)).toBe("done");
    expect(await removeAsSpam(db, actor, spam)).toBe("unchanged");
    expect(await confirmedCount(db, campaign.id)).toBe(1);
    expect(await confirmedCount(db, campaign.id)).toBe(await recountConfirmed(db, campaign.id));
    expect((await recentPublicSigners(db, campaign.id)).map((s) => s.firstName)).toEqual(["Real"]);

    // An unconfirmed signature was never counted, so removing it changes no count.
    expect(await removeAsSpam(db, actor, pending)).toBe("done");
    expect(await confirmedCount(db, campaign.id)).toBe(1);

    expect(await restoreSignature(db, actor, spam)).toBe("done");
    expect(await restoreSignature(db, actor, spam)).toBe("unchanged");
    expect(await restoreSignature(db, actor, pending)).toBe("done");
    expect(await confirmedCount(db, campaign.id)).toBe(2);
    expect(await confirmedCount(db, campaign.id)).toBe(await recountConfirmed(db, campaign.id));
    expect((await recentPublicSigners(db, campaign.id)).map((s) => s.firstName).sort()).toEqual(["Real", "Spammer"]);
  });

  test("concurrent removals of the same signature count once", async () => {
    const { campaign, actor } = await campaignWithOrganizer();
    const ids = [await addSigner(campaign), await addSigner(campaign), await addSigner(campaign)];
    const results = await Promise.all([...ids, ...ids].map((id) => removeAsSpam(db, actor, id)));
    expect(results.filter((r) => r === "done")).toHaveLength(3);
    expect(await confirmedCount(db, campaign.id)).toBe(0);
    expect(await recountConfirmed(db, campaign.id)).toBe(0);
  });

  test("a signature of another campaign cannot be touched through this one", async () => {
    const { actor } = await campaignWithOrganizer();
    const other = await createTestCampaign(db);
    const foreign = await addSigner(other, { message: "Mine" });
    for (const act of [hideMessage, unhideMessage, removeAsSpam, restoreSignature]) {
      expect(await act(db, actor, foreign)).toBe("not-found");
    }
    expect(await confirmedCount(db, other.id)).toBe(1);
    const [row] = await db.select().from(signatures).where(eq(signatures.id, foreign));
    expect(row).toMatchObject({ messageHiddenAt: null, removedAt: null });
  });

  test("each change is in the audit log: who, what, when and the signature id, never the person", async () => {
    const { campaign, actor } = await campaignWithOrganizer();
    const id = await addSigner(campaign, { firstName: "Secretname", email: "secret.person@example.org", message: "Secret message" });
    const at = new Date("2026-05-01T09:00:00Z");
    await hideMessage(db, actor, id, at);
    await hideMessage(db, actor, id, at); // unchanged: not logged
    await unhideMessage(db, actor, id, at);
    await removeAsSpam(db, actor, id, at);
    await restoreSignature(db, actor, id, at);

    const entries = await db.select().from(auditLog).where(eq(auditLog.campaignId, campaign.id)).orderBy(auditLog.id);
    expect(entries.map((e) => e.action)).toEqual([
      "signature.hide-message",
      "signature.show-message",
      "signature.remove",
      "signature.restore",
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ groupId: campaign.groupId, actorId: actor.organizerId, details: { signatureId: id } });
      expect(entry.createdAt).toBeInstanceOf(Date);
    }
    const logged = JSON.stringify(entries);
    for (const secret of ["Secretname", "secret.person", "Secret message", "Luxemburg"]) expect(logged).not.toContain(secret);
  });
});
