import { pledgeOptions, signatures, type Campaign, type PledgeOption } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import { addConfirmed } from "../../app/lib/signatures.server";
import { replacePledges, type PledgeChoice } from "../../app/lib/pledges.server";
import { uniqueSuffix } from "./factories";

/**
 * Pledge options and pledgers for organizer-side tests, written the way the app writes them: a
 * signature (confirmed, removed or neither, with the confirmed counter kept true) and its pledges
 * through replacePledges, so the totals move exactly as they do when a supporter pledges.
 */
let position = 1000;

export async function createTestOption(db: Executor, campaign: Pick<Campaign, "id">, overrides: Partial<typeof pledgeOptions.$inferInsert> = {}): Promise<PledgeOption> {
  const kind = overrides.kind ?? "money";
  const [option] = await db
    .insert(pledgeOptions)
    .values({
      campaignId: campaign.id,
      kind,
      title: kind === "money" ? "Give to the strike fund" : "Join a picket line",
      currency: kind === "money" ? "CAD" : null,
      suggestedAmounts: kind === "money" ? [1000, 2500] : null,
      position: position++,
      ...overrides,
    })
    .returning();
  return option!;
}

export async function addPledger(
  db: Executor,
  campaign: Pick<Campaign, "id">,
  choices: PledgeChoice[],
  state: { confirmed?: boolean; removed?: boolean; firstName?: string; lastName?: string; createdAt?: Date } = {},
): Promise<{ signatureId: number; email: string }> {
  const email = `pledger-${uniqueSuffix()}@example.org`;
  const confirmed = state.confirmed ?? true;
  const createdAt = state.createdAt ?? new Date();
  const [row] = await db
    .insert(signatures)
    .values({
      campaignId: campaign.id,
      firstName: state.firstName ?? "Lucy",
      lastName: state.lastName ?? `Parsons${uniqueSuffix()}`,
      email,
      emailNormalized: email,
      country: "CA",
      locale: "en",
      createdAt,
      confirmedAt: confirmed ? createdAt : null,
      removedAt: state.removed ? createdAt : null,
    })
    .returning({ id: signatures.id });
  const counted = confirmed && !state.removed;
  if (counted) await addConfirmed(db, campaign.id, 1);
  await replacePledges(db, row!.id, choices, counted, createdAt);
  return { signatureId: row!.id, email };
}
