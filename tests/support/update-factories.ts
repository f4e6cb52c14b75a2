import { signatures, type Campaign } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import { uniqueSuffix } from "./factories";

export interface SignerOverrides {
  country?: string;
  confirmed?: boolean;
  updatesOptIn?: boolean;
  unsubscribed?: boolean;
  removed?: boolean;
  email?: string;
}

/**
 * `count` signatures on a campaign, written straight to the table: by default confirmed signers
 * who asked for updates, i.e. an update's audience. Returns their ids and addresses.
 */
export async function createSigners(db: Executor, campaign: Pick<Campaign, "id">, count: number, overrides: SignerOverrides = {}) {
  const now = new Date();
  const rows = Array.from({ length: count }, () => {
    const email = overrides.email ?? `reader-${uniqueSuffix()}@example.org`;
    return {
      campaignId: campaign.id,
      firstName: "Lucy",
      lastName: "Parsons",
      email,
      emailNormalized: email.trim().toLowerCase(),
      country: overrides.country ?? "CA",
      locale: "en" as const,
      updatesOptIn: overrides.updatesOptIn ?? true,
      confirmedAt: overrides.confirmed === false ? null : now,
      unsubscribedAt: overrides.unsubscribed ? now : null,
      removedAt: overrides.removed ? now : null,
    };
  });
  const inserted: { id: number; email: string }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    inserted.push(...(await db.insert(signatures).values(rows.slice(i, i + 500)).returning({ id: signatures.id, email: signatures.email })));
  }
  return inserted;
}
