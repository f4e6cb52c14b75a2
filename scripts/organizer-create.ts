/**
 * `npm run organizer:create -- --email rosa@union.example --name "Rosa" --group "Strike Support"`
 *
 * Creates (or reuses) an organizer, creates the group if it does not exist, makes the organizer
 * its owner, and prints a one-time sign-in link valid for 24 hours. How the first owner of a
 * real deployment gets in; from then on owners invite everyone else from the members page.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { emailField, organizerName } from "../app/lib/auth-schema";
import { CLI_SIGN_IN_TTL_MS, createSignInLinkToken, signInLink } from "../app/lib/auth-tokens.server";
import { createGroup, findGroupByName, setMembership } from "../app/lib/groups.server";
import { createOrganizer } from "../app/lib/organizers.server";
import { cliConfig, fail, openCliDatabase } from "./cli";

const USAGE = 'Usage: npm run organizer:create -- --email <address> --name "<full name>" --group "<group name>"';

const argsSchema = z.object({
  email: emailField,
  name: organizerName,
  group: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
});

let values;
try {
  ({ values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, group: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
  }));
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const parsed = argsSchema.safeParse(values);
if (!parsed.success) {
  // The schemas' messages are i18n keys meant for forms; name the option instead.
  const lines = parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message.startsWith("errors.") ? "missing or invalid" : i.message}`);
  fail(`Invalid arguments:\n${lines.join("\n")}\n${USAGE}`);
}
const input = parsed.data;

const config = cliConfig();
const database = await openCliDatabase(config);

try {
  const result = await database.db.transaction(async (tx) => {
    const { organizer, created } = await createOrganizer(tx, { email: input.email, name: input.name });
    const existingGroup = await findGroupByName(tx, input.group);
    const group = existingGroup ?? (await createGroup(tx, { name: input.group, ownerId: organizer.id }));
    await setMembership(tx, { groupId: group.id, organizerId: organizer.id, role: "owner", actorId: null });
    const token = await createSignInLinkToken(tx, organizer);
    return { organizer, created, group, groupCreated: !existingGroup, token };
  });
  const hours = CLI_SIGN_IN_TTL_MS / 3_600_000;
  console.log(`${result.created ? "Created" : "Found"} organizer ${result.organizer.email} (${result.organizer.name}).`);
  console.log(`${result.groupCreated ? "Created" : "Found"} group "${result.group.name}"; ${result.organizer.email} is an owner.`);
  console.log("");
  console.log(`One-time sign-in link (works once, for ${hours} hours; treat it like a password):`);
  console.log(`  ${signInLink(config, result.token)}`);
  if (!config.appUrlIsSet) {
    // Without APP_URL the address is PORT's default, not something we know: say so.
    console.log(`  (APP_URL is not set, so this link assumes the app runs on port ${config.port}. If it runs elsewhere, set APP_URL and run this again.)`);
  }
  console.log("");
  console.log("After signing in you will be asked to set a password; then invite the others from the group's members page.");
  if (database.driver === "pglite") {
    console.log(`(Embedded database in ${config.dataDir}: only one process may use it, so start the app now, not while this runs.)`);
  }
} catch (err) {
  console.error(`Could not create the organizer: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
