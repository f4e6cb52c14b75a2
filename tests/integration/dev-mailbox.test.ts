import type { PgBoss } from "pg-boss";
import { describe, expect, test } from "vitest";
import { getDevMessage, listDevMessages } from "~/lib/dev-mailbox.server";
import { EMAIL_QUEUE, emailEnqueuer, startEmailWorker, startJobQueue } from "~/lib/jobs.server";
import { devMailboxTransport } from "~/lib/mail-transport.server";
import { signPetition } from "~/lib/signatures.server";
import { hashToken } from "~/lib/crypto.server";
import { fileDatabase } from "../support/suite";
import { createTestCampaign, findSignature, signInput, uniqueSuffix } from "../support/factories";
import { latestConfirmToken, TEST_SEAL_KEY, waitFor } from "../support/jobs";
import { routeContext, routeRequest } from "../support/route-context";
import { loader } from "~/routes/dev.mailbox.$id.html";
import { recordingLog } from "../support/log";

const handle = await fileDatabase();
const db = handle.db;

describe("the development mailbox", () => {
  test("keeps a sent message, readable by its id", async () => {
    const transport = devMailboxTransport(db);
    const to = `dev.${uniqueSuffix()}@example.org`;
    const message = { from: "Picket <picket@localhost>", to, subject: "Hello", html: "<p>Hi</p>", text: "Hi" };

    const outcome = await transport.send(message, "key-1");

    expect(transport.name).toBe("dev-mailbox");
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const id = Number(outcome.id.replace(/^dev-/, ""));
    expect(await getDevMessage(db, String(id))).toMatchObject(message);
    const listed = await listDevMessages(db);
    expect(listed.find((m) => m.id === id)).toMatchObject({ to, subject: "Hello" });
  });

  test("lists the newest message first", async () => {
    const transport = devMailboxTransport(db);
    const send = (subject: string) =>
      transport.send({ from: "a <a@example.org>", to: "b@example.org", subject, html: "x", text: "x" }, subject);
    await send(`first ${uniqueSuffix()}`);
    const second = `second ${uniqueSuffix()}`;
    await send(second);
    expect((await listDevMessages(db, 1))[0]?.subject).toBe(second);
  });

  test("a message's HTML is served on its own, for the mailbox's frame, with a policy that lets its inline styles show", async () => {
    const transport = devMailboxTransport(db);
    const html = `<p style="color: red">Styled ${uniqueSuffix()}</p>`;
    const outcome = await transport.send({ from: "a <a@example.org>", to: "b@example.org", subject: "Styled", html, text: "x" }, uniqueSuffix());
    if (!outcome.ok) throw new Error("not sent");
    const id = outcome.id.replace(/^dev-/, "");
    const context = routeContext(db, { transport });
    const reply = (await loader({ request: routeRequest(`/dev/mailbox/${id}/html`), context, params: { id } })) as Response;
    expect(await reply.text()).toBe(html);
    expect(reply.headers.get("content-security-policy")).toContain("style-src 'unsafe-inline'");
    expect(reply.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    // Without the dev mailbox (production mail), the address does not exist.
    const production = routeContext(db, { transport: { name: "resend", send: async () => ({ ok: true, id: "x" }) } as never });
    await expect(loader({ request: routeRequest(`/dev/mailbox/${id}/html`), context: production, params: { id } })).rejects.toMatchObject({ status: 404 });
  });

  test("an unknown or impossible id finds nothing", async () => {
    expect(await getDevMessage(db, "987654")).toBeNull();
    expect(await getDevMessage(db, "NaN")).toBeNull();
    // Past what the integer column holds: no message rather than a database error (500).
    expect(await getDevMessage(db, "9007199254740991")).toBeNull();
  });

  test("with the worker running, a signature's confirmation email lands in the mailbox", async () => {
    const boss: PgBoss = await startJobQueue(handle, { maxAttempts: 3, retryDelaySeconds: 1 });
    try {
      await startEmailWorker(
        boss,
        { db, transport: devMailboxTransport(db), appUrl: "http://localhost:3000", mailFrom: "Picket <picket@localhost>", rateLimit: 50, sealKey: TEST_SEAL_KEY, log: recordingLog() },
        { pollingIntervalSeconds: 0.5 },
      );
      const campaign = await createTestCampaign(db, { title: "Dev mailbox campaign" });
      const input = signInput();
      await signPetition(db, emailEnqueuer(boss, TEST_SEAL_KEY), { slug: campaign.slug, input, locale: "en" });

      const listed = await waitFor("the message in the mailbox", async () =>
        (await listDevMessages(db)).find((m) => m.to === input.email),
      );
      const message = await getDevMessage(db, String(listed.id));
      expect(message?.subject).toBe("Confirm your signature: Dev mailbox campaign");
      // The worker deletes a sent job: the link is read from the message and checked against its hash.
      const token = /http:\/\/localhost:3000\/confirm\/([A-Za-z0-9_-]+)/.exec(message?.text ?? "")?.[1] ?? "";
      expect(hashToken(token)).toBe((await findSignature(db, campaign.id, input.email))!.confirmTokenHash);
      expect(message?.html).toContain(`http://localhost:3000/confirm/${token}`);
    } finally {
      await boss.offWork(EMAIL_QUEUE);
      await boss.stop({ graceful: false });
    }
  });
});
