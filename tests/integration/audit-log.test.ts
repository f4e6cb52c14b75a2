import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditLog, organizers, pledges, signatures, updates, type Campaign } from "../../db/schema";
import { AUDIT_ACTIONS, type AuditAction } from "~/lib/audit-log";
import { recordAudit } from "~/lib/audit.server";
import { loader } from "~/routes/org.groups.$groupId.audit";
import { driverName } from "../support/db";
import { createTestCampaign } from "../support/factories";
import { createMember, createTestOrganizer } from "../support/organizer-factories";
import { addPledger, createTestOption } from "../support/pledge-admin-factories";
import { routeContext, routeRequest } from "../support/route-context";
import { fileDatabase } from "../support/suite";

/**
 * The group's audit log as its owner reads it: every kind of entry, with the details the code
 * records for it, reads as a sentence naming who did what to whom, never as ids or raw fields.
 */

const { db } = await fileDatabase();
let context: AppLoadContext;
let owner: Awaited<ReturnType<typeof createMember>>;
let campaign: Campaign;
/** The details each action is recorded with (as in the code that records it), and the sentence it must read as. */
let cases: Record<AuditAction, { details: Record<string, unknown>; actorId?: number | null; campaign?: boolean; sentence: string }>;

beforeAll(async () => {
  owner = await createMember(db, "owner");
  await db.update(organizers).set({ name: "Ana Pérez" }).where(eq(organizers.id, owner.organizer.id));
  context = routeContext(db);
  campaign = await createTestCampaign(db, { groupId: owner.group.id, title: "Keep the post office open" });
  const karl = await createTestOrganizer(db, { name: "Karl Marx" });
  const option = await createTestOption(db, campaign, { kind: "money", currency: "CAD", title: "Strike fund" });
  const rosa = await addPledger(db, campaign, [{ optionId: option.id, amountMinor: 2500 }], { firstName: "Rosa", lastName: "Luxemburg" });
  const [pledge] = await db.select({ id: pledges.id }).from(pledges).where(eq(pledges.signatureId, rosa.signatureId));
  const [update] = await db.insert(updates).values({ campaignId: campaign.id, subject: "We won a hearing", body: "Thank you." }).returning({ id: updates.id });
  const o = option.id;
  cases = {
    "group.create": { details: {}, sentence: "Ana Pérez created the group." },
    "member.add": { details: { organizerId: karl.id, role: "organizer" }, sentence: "Ana Pérez added Karl Marx to the group as organizer." },
    "member.role-change": { details: { organizerId: karl.id, from: "organizer", to: "viewer" }, sentence: "Ana Pérez changed Karl Marx's role from organizer to viewer." },
    "member.remove": { details: { organizerId: karl.id, role: "viewer" }, sentence: "Ana Pérez removed Karl Marx (viewer) from the group." },
    "member.invite": { details: { role: "viewer", invite: "0123456789ab" }, sentence: "Ana Pérez invited someone to join the group as viewer." },
    "member.invite-revoke": { details: { invite: "0123456789ab" }, sentence: "Ana Pérez withdrew an invitation to join the group." },
    "member.join": {
      actorId: karl.id,
      details: { organizerId: karl.id, role: "organizer", invitedBy: owner.organizer.id, invite: "0123456789ab" },
      sentence: "Karl Marx joined the group as organizer, invited by Ana Pérez.",
    },
    "campaign.create": { campaign: true, details: { slug: campaign.slug }, sentence: "Ana Pérez created the campaign “Keep the post office open”." },
    "campaign.update": { campaign: true, details: { fields: ["body", "closesAt", "title"] }, sentence: "Ana Pérez changed the text, closing date, and title of “Keep the post office open”." },
    "campaign.publish": { campaign: true, details: { from: "draft", to: "open", closesAt: null }, sentence: "Ana Pérez published “Keep the post office open”, with no closing date." },
    "campaign.close": { campaign: true, details: { from: "open", to: "closed" }, sentence: "Ana Pérez closed “Keep the post office open”." },
    "campaign.reopen": {
      campaign: true,
      details: { from: "closed", to: "open", closesAt: "2026-06-01T12:00:00.000Z" },
      sentence: "Ana Pérez reopened “Keep the post office open”, closing on June 1, 2026, 12:00 UTC.",
    },
    "pledge-option.create": { campaign: true, details: { optionId: o, kind: "money" }, sentence: "Ana Pérez added the pledge option “Strike fund” to “Keep the post office open”." },
    "pledge-option.update": { campaign: true, details: { optionId: o, fields: ["goal", "suggestedAmounts"] }, sentence: "Ana Pérez changed the goal and suggested amounts of the pledge option “Strike fund”." },
    "pledge-option.move": { campaign: true, details: { optionId: o, direction: "up", position: 1 }, sentence: "Ana Pérez moved the pledge option “Strike fund” up, to position 1." },
    "pledge-option.retire": { campaign: true, details: { optionId: o }, sentence: "Ana Pérez retired the pledge option “Strike fund”." },
    "pledge-option.restore": { campaign: true, details: { optionId: o }, sentence: "Ana Pérez brought back the pledge option “Strike fund”." },
    "pledge.fulfil": { campaign: true, details: { optionId: o, pledgeId: pledge!.id }, sentence: "Ana Pérez marked Rosa Luxemburg's pledge to “Strike fund” as fulfilled." },
    "pledge.unfulfil": { campaign: true, details: { optionId: o, pledgeId: pledge!.id }, sentence: "Ana Pérez marked Rosa Luxemburg's pledge to “Strike fund” as not fulfilled." },
    "signature.hide-message": { campaign: true, details: { signatureId: rosa.signatureId }, sentence: "Ana Pérez hid Rosa Luxemburg's message on “Keep the post office open”." },
    "signature.show-message": { campaign: true, details: { signatureId: rosa.signatureId }, sentence: "Ana Pérez showed Rosa Luxemburg's message on “Keep the post office open” again." },
    "signature.remove": { campaign: true, details: { signatureId: rosa.signatureId }, sentence: "Ana Pérez removed Rosa Luxemburg's signature on “Keep the post office open” as spam." },
    "signature.restore": { campaign: true, details: { signatureId: rosa.signatureId }, sentence: "Ana Pérez restored Rosa Luxemburg's signature on “Keep the post office open”." },
    "signers.export": {
      campaign: true,
      actorId: null,
      details: { via: "cli", status: "all", country: "DE", updatesOnly: true, from: "2026-03-01", columns: "name email", outcome: "complete", rows: 1 },
      sentence:
        "Someone on the server's command line exported the confirmed and unconfirmed signers from Germany, who want updates, and who signed on or after 2026-03-01 of “Keep the post office open” as a CSV file from the command line: 1 signer in the file.",
    },
    "update.send": {
      campaign: true,
      details: { updateId: update!.id, recipients: 1234, country: "CA", optionId: o },
      sentence: "Ana Pérez sent the update “We won a hearing” to 1,234 signers in Canada who pledged “Strike fund”.",
    },
    "update.cancel": { campaign: true, details: { updateId: update!.id, skipped: 3 }, sentence: "Ana Pérez stopped sending the update “We won a hearing”." },
  };
  for (const action of AUDIT_ACTIONS) {
    const c = cases[action];
    await recordAudit(db, {
      groupId: owner.group.id,
      campaignId: c.campaign ? campaign.id : null,
      actorId: c.actorId === undefined ? owner.organizer.id : c.actorId,
      action,
      details: c.details,
    });
  }
});

async function sentences(): Promise<string[]> {
  const data = (await loader({ request: routeRequest(`/org/groups/${owner.group.id}/audit`, { cookie: owner.cookie }), context, params: { groupId: String(owner.group.id) } })) as {
    rows: { sentence: string }[];
  };
  return data.rows.map((r) => r.sentence).reverse(); // oldest first, the order they were recorded
}

describe(`the audit log (${driverName})`, () => {
  test("every kind of entry reads as a sentence with the names of who and what", async () => {
    expect(await sentences()).toEqual(AUDIT_ACTIONS.map((action) => cases[action].sentence));
  });

  test("an entry about something deleted since still reads as a sentence, without ids or raw fields", async () => {
    const { signatureId } = await addPledger(db, campaign, [], { firstName: "Gone", lastName: "Soon" });
    await recordAudit(db, { groupId: owner.group.id, campaignId: campaign.id, actorId: null, action: "signature.remove", details: { signatureId } });
    await recordAudit(db, { groupId: owner.group.id, campaignId: null, actorId: owner.organizer.id, action: "member.add", details: { organizerId: 999_999_999, role: "owner" } });
    await db.delete(signatures).where(eq(signatures.id, signatureId));
    const [remove, add] = (await sentences()).slice(-2);
    expect(remove).toBe("The server's command line or a since-deleted account removed a since-deleted signer's signature on “Keep the post office open” as spam.");
    expect(add).toBe("Ana Pérez added a since-deleted account to the group as owner.");
    for (const text of await sentences()) {
      expect(text).not.toMatch(/null|undefined|Id\b|Id:|\{|not valid|\.[a-z]/);
    }
    expect(await db.$count(auditLog, eq(auditLog.groupId, owner.group.id))).toBe(AUDIT_ACTIONS.length + 2);
  });
});
