import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.server";
import { signatures, type Campaign, type NewCampaign, type Signature } from "../../db/schema";
import { createCampaign } from "../../app/lib/campaigns.server";
import { normalizeEmail, type SignInput } from "../../app/lib/sign-schema";

let sequence = 0;

/** Short, unique across processes and calls: safe in slugs and email local parts. */
export function uniqueSuffix(): string {
  sequence += 1;
  return `${process.pid.toString(36)}${sequence.toString(36)}${randomBytes(3).toString("hex")}`;
}

/** An open campaign with a unique slug; override anything (status, closesAt, requireConfirmation…). */
export async function createTestCampaign(db: Executor, overrides: Partial<NewCampaign> = {}): Promise<Campaign> {
  const suffix = uniqueSuffix();
  return createCampaign(db, {
    slug: `test-campaign-${suffix}`,
    title: `Solidarity with the strikers ${suffix}`,
    summary: "Add your name to the solidarity appeal.",
    body: "We stand with the workers on strike.\n\nSign and share.",
    target: "The employer",
    goal: 1000,
    status: "open",
    language: "en",
    ...overrides,
  });
}

/** A valid, already-parsed SignInput (what signSchema returns) with a unique email. */
export function signInput(overrides: Partial<SignInput> = {}): SignInput {
  return {
    firstName: "Rosa",
    lastName: "Luxemburg",
    email: `signer-${uniqueSuffix()}@example.org`,
    country: "DE",
    postalCode: undefined,
    organization: undefined,
    message: undefined,
    showName: false,
    updatesOptIn: false,
    website: undefined,
    ...overrides,
  };
}

/** The stored signature for an email on a campaign, looked up the way uniqueness is decided. */
export async function findSignature(db: Executor, campaignId: number, email: string): Promise<Signature | undefined> {
  const [row] = await db
    .select()
    .from(signatures)
    .where(and(eq(signatures.campaignId, campaignId), eq(signatures.emailNormalized, normalizeEmail(email))));
  return row;
}

export async function signaturesOf(db: Executor, campaignId: number): Promise<Signature[]> {
  return db.select().from(signatures).where(eq(signatures.campaignId, campaignId));
}
