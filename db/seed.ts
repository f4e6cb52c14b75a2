import { eq, inArray } from "drizzle-orm";
import type { Executor } from "./client.server";
import { campaigns, pledgeOptions, signatures, type Group, type NewCampaign } from "./schema";
import { insertDemoCrowd, insertDemoCrowdPledges, NAME_POOLS, type DemoCrowd } from "./demo-crowd";
import { addConfirmed, recountConfirmed } from "../app/lib/signatures.server";
import { recountPledgeTotals, replacePledges } from "../app/lib/pledges.server";
import { countCampaigns } from "../app/lib/campaigns.server";
import { formatNumber } from "../app/lib/i18n";
import { createGroup, findGroupByName, setMembership } from "../app/lib/groups.server";
import { createOrganizer } from "../app/lib/organizers.server";

/**
 * Demo campaigns drawn from the headlines in shared/seed-articles.txt. Headlines are quoted as
 * titles; summaries and bodies are ours, written for the demo, and quote nothing else.
 */
export const DEMO_CAMPAIGNS: NewCampaign[] = [
  {
    slug: "canada-post-solidarity",
    title: "Canada Post Workers Under Attack: Solidarity Needed Now!",
    summary: "Striking CUPW members face anti-union attacks from the federal government. Add your name to the solidarity appeal.",
    body: [
      "Postal workers organized in the Canadian Union of Postal Workers (CUPW) are on strike for decent wages, safe workloads and a public postal service worth having.",
      "Instead of bargaining in good faith, the employer and the federal government have reached for anti-union measures to force them back to work. An attack on the right to strike of one union is an attack on every worker.",
      "We stand with the strikers. We call on the government to keep its hands off the right to strike and to let the workers win a fair contract.",
      "Sign, share this page with your union local, and join the picket lines where you can.",
    ].join("\n\n"),
    target: "The Prime Minister of Canada and the federal Minister of Labour",
    goal: 10_000,
    status: "open",
    language: "en",
  },
  {
    slug: "tamaulipas-strike",
    title: "Mexico: 40,000 Factory Workers on Strike in Tamaulipas",
    summary: "Workers from 45 factories walked out over their annual wage increase. Stand with them.",
    body: [
      "Tens of thousands of factory workers in Tamaulipas, Mexico, have walked out across 45 plants, demanding a real annual wage increase. They say their union leaders told them nothing about the negotiations.",
      "The products of their labour cross the border every day; their solidarity must cross it too.",
      "We support the strikers' demands, their right to know and to decide on every negotiation, and we oppose any reprisal against those who walked out.",
    ].join("\n\n"),
    target: "The employers of the struck factories in Tamaulipas",
    goal: 5_000,
    status: "open",
    language: "en",
  },
  {
    slug: "end-child-labour",
    title: "Rising Child Labor: A Symptom of Capitalist Sickness",
    summary: "Millions of children are made to work in conditions that harm them. Say no more.",
    body: [
      "Child labour is rising again. No child should be made to work in conditions that harm them in body or mind.",
      "We call for enforced bans on child labour, with the means to make them real: decent wages for parents, free schooling, and inspectors with teeth.",
    ].join("\n\n"),
    target: "National labour ministries and the International Labour Organization",
    goal: 2_500,
    status: "open",
    language: "en",
  },
  {
    slug: "strike-wave-48-factories",
    title: "Mexico: Explosive Strike Wave Hits 48 Factories",
    summary: "Our solidarity appeal for the 48-factory strike wave. This campaign is closed: thank you for signing.",
    // {signers} becomes the campaign's confirmed count once its crowd is seeded, so the text agrees with the counter.
    body: "Workers struck across 48 factories. {signers} supporters signed this appeal, which was delivered to the employers at the end of the strike.",
    target: "The employers of the 48 factories",
    goal: 1_000,
    status: "closed",
    language: "en",
  },
];

/**
 * What each demo campaign asks supporters to pledge, and what the demo signers (by their index
 * in DEMO_SIGNERS) have pledged: amounts in major units of the option's currency, null for an action.
 */
interface DemoPledgeOption {
  kind: "money" | "action";
  title: string;
  description?: string;
  currency?: string;
  /** Major units. */
  suggested?: number[];
  /** Major units for money, people for an action. */
  goal?: number;
  pledges: [signer: number, amount: number | null][];
  /** Share of the campaign's crowd (see DEMO_CROWDS) who pledged too, choosing among the suggested amounts. */
  crowdShare: number;
}

export const DEMO_PLEDGE_OPTIONS: Record<string, DemoPledgeOption[]> = {
  "canada-post-solidarity": [
    {
      kind: "money",
      title: "$ to the CUPW strike fund",
      description: "Pay it to the union's strike fund; the organizers mark it received.",
      currency: "CAD",
      suggested: [10, 25, 50],
      goal: 5_000,
      pledges: [[0, 25], [1, 50], [2, 10]],
      crowdShare: 0.018,
    },
    { kind: "action", title: "I will join a picket line", goal: 100, pledges: [[0, null], [2, null]], crowdShare: 0.012 },
  ],
  "tamaulipas-strike": [
    {
      kind: "money",
      title: "Pesos to the strikers' hardship fund",
      currency: "MXN",
      suggested: [100, 250, 500],
      goal: 50_000,
      pledges: [[0, 250], [2, 500]],
      crowdShare: 0.035,
    },
    { kind: "action", title: "I will move a solidarity motion in my union local", goal: 50, pledges: [[1, null]], crowdShare: 0.008 },
  ],
};

const DEMO_SIGNERS = [
  ["Marie", "Tremblay", "CA", "From Montréal: solidarity with the posties!"],
  ["Ahmed", "Khan", "GB", "Greetings from the CWU in London."],
  ["Lucía", "Hernández", "MX", "¡Todo nuestro apoyo!"],
  ["Jonas", "Berg", "SE", null],
  ["Priya", "Nair", "IN", "An injury to one is an injury to all."],
  ["Tom", "O'Brien", "IE", null],
] as const;

const { en, fr, es, de, in: india } = NAME_POOLS;

/**
 * The crowd behind each demo campaign (generated in SQL by db/demo-crowd.ts): thousands of
 * confirmed signatures over the last weeks, mostly from where the struggle is, a few waiting.
 */
export const DEMO_CROWDS: Record<string, DemoCrowd> = {
  "canada-post-solidarity": {
    confirmed: 6_840,
    unconfirmed: 45,
    startDaysAgo: 26,
    // The day back-to-work legislation was tabled.
    spike: { day: 9, share: 0.22 },
    countries: [
      { country: "CA", share: 55, names: en },
      { country: "CA", share: 23, names: fr },
      { country: "US", share: 8.3, names: en },
      { country: "GB", share: 4.6, names: en },
      { country: "FR", share: 2.9, names: fr },
      { country: "IE", share: 2.2, names: en },
      { country: "AU", share: 1.7, names: en },
      { country: "DE", share: 1.3, names: de },
    ],
    sources: ["union-newsletter", "union-newsletter", "whatsapp", "facebook", "cupw-local-12", null, null, null],
    messageShare: 0.07,
    messages: {
      en: [
        "Solidarity from my union local!",
        "Hands off the right to strike.",
        "My dad was a posty for 30 years. Solidarity!",
        "Proud to stand with CUPW. Don't give up!",
        "An injury to one is an injury to all.",
        "Shared this with everyone at my workplace.",
      ],
      fr: [
        "Solidarité avec les postiers et postières !",
        "Tout mon soutien depuis Montréal.",
        "Le droit de grève n'est pas négociable.",
        "Solidarité de la part de mon syndicat.",
      ],
      es: ["¡Solidaridad con los trabajadores postales!"],
    },
  },
  "tamaulipas-strike": {
    confirmed: 3_910,
    unconfirmed: 30,
    startDaysAgo: 19,
    spike: { day: 4, share: 0.3 },
    countries: [
      { country: "MX", share: 70, names: es },
      { country: "US", share: 10, names: en },
      { country: "US", share: 8, names: es },
      { country: "ES", share: 4, names: es },
      { country: "CO", share: 3, names: es },
      { country: "CA", share: 3, names: en },
      { country: "AR", share: 2, names: es },
    ],
    sources: ["whatsapp", "whatsapp", "telegram", "maquila-news", null, null],
    messageShare: 0.09,
    messages: {
      en: ["Solidarity from across the border!", "Their fight is our fight.", "Fair wages now."],
      fr: ["Solidarité avec les grévistes du Tamaulipas !"],
      es: [
        "¡Todo nuestro apoyo a los huelguistas!",
        "Desde Matamoros, solidaridad total.",
        "Salarios dignos ya.",
        "La solidaridad no tiene fronteras.",
        "¡Si tocan a uno, nos tocan a todos!",
        "Apoyo desde mi sindicato.",
      ],
    },
  },
  "end-child-labour": {
    confirmed: 1_730,
    unconfirmed: 20,
    startDaysAgo: 28,
    spike: { day: 20, share: 0.15 },
    countries: [
      { country: "FR", share: 36, names: fr },
      { country: "BE", share: 12, names: fr },
      { country: "CA", share: 8, names: fr },
      { country: "CA", share: 5, names: en },
      { country: "GB", share: 9, names: en },
      { country: "US", share: 10, names: en },
      { country: "IN", share: 7, names: india },
      { country: "DE", share: 6, names: de },
      { country: "MX", share: 7, names: es },
    ],
    sources: ["school-bulletin", "instagram", "instagram", null, null],
    messageShare: 0.06,
    messages: {
      en: ["No child should work instead of going to school.", "Children belong in school, not in factories."],
      fr: [
        "Aucun enfant ne devrait travailler.",
        "La place des enfants est à l'école.",
        "Enseignante, je signe pour tous mes élèves.",
      ],
      es: ["Los niños a la escuela, no a la fábrica."],
    },
  },
  "strike-wave-48-factories": {
    confirmed: 2_480,
    unconfirmed: 12,
    // Ran for five weeks and closed when the strike ended.
    startDaysAgo: 60,
    endDaysAgo: 25,
    spike: { day: 3, share: 0.25 },
    countries: [
      { country: "MX", share: 55, names: es },
      { country: "US", share: 25, names: en },
      { country: "CA", share: 10, names: en },
      { country: "ES", share: 5, names: es },
      { country: "GB", share: 5, names: en },
    ],
    sources: ["whatsapp", "union-newsletter", null, null],
    messageShare: 0.05,
    messages: {
      en: ["Solidarity with the strikers!", "Victory to the strike wave!"],
      fr: ["Solidarité !"],
      es: ["¡Viva la huelga!", "¡Arriba los que luchan!", "Solidaridad desde Monterrey."],
    },
  },
};

/** Seeds the demo on an empty database; returns how many campaigns it created. */
export async function seedDemoIfEmpty(db: Executor): Promise<number> {
  if ((await countCampaigns(db)) > 0) return 0;
  return seedDemo(db);
}

/**
 * The demo's organizers: published in the README, so only ever created by the demo seed (never
 * on a real deployment, which starts with `npm run organizer:create`).
 */
export const DEMO_GROUP_NAME = "Demo Solidarity Committee";
/** Where demo signers "came from" (the ?ref= code of the link they followed); null: no code. */
const DEMO_SOURCES = ["union-newsletter", "whatsapp", null, "union-newsletter", "local-12-email"];

export const DEMO_OWNER = { email: "organizer@picket.example", name: "Demo Organizer", password: "picket-demo-organizer" } as const;
export const DEMO_VIEWER = { email: "viewer@picket.example", name: "Demo Viewer", password: "picket-demo-viewer" } as const;

/** The demo group, its owner and its viewer; safe to run again (finds what exists). */
async function seedDemoOrganizers(db: Executor): Promise<Group> {
  const owner = (await createOrganizer(db, DEMO_OWNER)).organizer;
  const viewer = (await createOrganizer(db, DEMO_VIEWER)).organizer;
  const group = (await findGroupByName(db, DEMO_GROUP_NAME)) ?? (await createGroup(db, { name: DEMO_GROUP_NAME, ownerId: owner.id }));
  await setMembership(db, { groupId: group.id, organizerId: owner.id, role: "owner", actorId: null });
  await setMembership(db, { groupId: group.id, organizerId: viewer.id, role: "viewer", actorId: owner.id });
  return group;
}

export async function seedDemo(db: Executor): Promise<number> {
  const group = await seedDemoOrganizers(db);
  let created = 0;
  // Newest first on the home page: insert the featured campaign last.
  for (const campaign of [...DEMO_CAMPAIGNS].reverse()) {
    const [row] = await db
      .insert(campaigns)
      .values({ ...campaign, groupId: group.id })
      .onConflictDoNothing()
      .returning({ id: campaigns.id });
    if (!row) continue;
    created++;
    // A few hand-written signers (the ones with the demo pledges), then the crowd of thousands.
    const signers = campaign.status === "closed" ? DEMO_SIGNERS.slice(0, 5) : DEMO_SIGNERS.slice(0, 3 + (created % 3));
    const now = Date.now();
    const crowd = DEMO_CROWDS[campaign.slug];
    // A closed campaign's signers all signed before it closed.
    const lastDay = now - (crowd?.endDaysAgo ?? 0) * 86_400_000;
    const signatureIds: number[] = [];
    for (const [i, [firstName, lastName, country, message]] of signers.entries()) {
      // "Lucía Hernández" → lucia.hernandez.2@example.org
      const email = `${firstName}.${lastName}.${i}@example.org`
        .normalize("NFD")
        .toLowerCase()
        .replace(/[^a-z0-9.@]/g, "");
      // A day or so apart, the last ones before the crowd's end.
      const at = new Date(lastDay - (signers.length - i) * 31 * 3_600_000);
      const [signature] = await db
        .insert(signatures)
        .values({
          campaignId: row.id,
          firstName,
          lastName,
          email,
          emailNormalized: email,
          country,
          message,
          showName: true,
          locale: "en",
          source: DEMO_SOURCES[i % DEMO_SOURCES.length] ?? null,
          createdAt: at,
          confirmedAt: at,
        })
        .returning({ id: signatures.id });
      signatureIds.push(signature!.id);
    }
    if (crowd) await insertDemoCrowd(db, row.id, crowd, new Date(now));
    await seedDemoPledges(db, row.id, campaign.slug, signatureIds);
    // The counter is rebuilt from the rows, as a recount would.
    const confirmed = await recountConfirmed(db, row.id);
    await addConfirmed(db, row.id, confirmed);
    if (campaign.body.includes("{signers}")) {
      await db
        .update(campaigns)
        .set({ body: campaign.body.replace("{signers}", formatNumber(confirmed, campaign.language ?? "en")) })
        .where(eq(campaigns.id, row.id));
    }
  }
  // Demo campaigns seeded before groups existed join the demo group too.
  await db
    .update(campaigns)
    .set({ groupId: group.id })
    .where(inArray(campaigns.slug, DEMO_CAMPAIGNS.map((c) => c.slug)));
  return created;
}

/** The campaign's demo options, the demo signers' and the crowd's pledges, and their totals recounted. */
async function seedDemoPledges(db: Executor, campaignId: number, slug: string, signatureIds: number[]): Promise<void> {
  const bySigner = new Map<number, { optionId: number; amountMinor: number | null }[]>();
  const optionIds: number[] = [];
  for (const [position, option] of (DEMO_PLEDGE_OPTIONS[slug] ?? []).entries()) {
    const money = option.kind === "money";
    const [created] = await db
      .insert(pledgeOptions)
      .values({
        campaignId,
        kind: option.kind,
        title: option.title,
        description: option.description ?? null,
        currency: money ? (option.currency ?? null) : null,
        suggestedAmounts: money ? (option.suggested ?? []).map((a) => a * 100) : null,
        goal: option.goal === undefined ? null : money ? option.goal * 100 : option.goal,
        position,
      })
      .returning({ id: pledgeOptions.id });
    optionIds.push(created!.id);
    for (const [signer, amount] of option.pledges) {
      const signatureId = signatureIds[signer];
      if (signatureId === undefined) continue;
      const choices = bySigner.get(signatureId) ?? [];
      choices.push({ optionId: created!.id, amountMinor: amount === null ? null : amount * 100 });
      bySigner.set(signatureId, choices);
    }
  }
  for (const [signatureId, choices] of bySigner) await replacePledges(db, signatureId, choices, false);
  for (const [position, option] of (DEMO_PLEDGE_OPTIONS[slug] ?? []).entries()) {
    const amountsMinor = option.kind === "money" ? (option.suggested ?? []).map((a) => a * 100) : null;
    await insertDemoCrowdPledges(db, campaignId, { optionId: optionIds[position]!, share: option.crowdShare, amountsMinor });
  }
  for (const optionId of optionIds) await recountPledgeTotals(db, optionId);
}
