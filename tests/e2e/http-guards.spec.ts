import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { APP_PORT, APP_URL, OPEN_CAMPAIGN, SERVER_LOG } from "./env";
import { signInAsOrganizer } from "./support";

/**
 * What the HTTP layer refuses before any page code runs, as a client that is not a browser would
 * meet it: bodies over the limit (chunked ones carry no Content-Length to check up front).
 */

/** The app server's resident memory in MB, read from /proc (the server is the process listening on APP_PORT). */
function serverRssMb(): number {
  const listing = execFileSync("ss", ["-ltnpH", `sport = :${APP_PORT}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(listing)?.[1];
  if (!pid) throw new Error(`no process listens on port ${APP_PORT}`);
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

/** POSTs `megabytes` of form body in 1 MB chunks without Content-Length; resolves with the reply. */
function postChunked(path: string, megabytes: number, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1",
      port: APP_PORT,
      path,
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked", ...headers },
    });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    // Once the server has answered it closes the connection: our unfinished upload then fails, as it should.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const megabyte = Buffer.alloc(1024 * 1024, "a");
    let sent = 0;
    const write = () => {
      while (sent < megabytes && !req.destroyed) {
        const chunk = sent++ === 0 ? Buffer.concat([Buffer.from("message="), megabyte]) : megabyte;
        if (!req.write(chunk)) {
          req.once("drain", write);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    write();
  });
}

test("a 100 MB chunked body gets a short 413 at once, and the server's memory does not grow", async () => {
  const before = serverRssMb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, serverRssMb())), 25);
  const started = Date.now();
  try {
    const reply = await postChunked(`/c/${OPEN_CAMPAIGN}`, 100);
    expect(reply.status).toBe(413);
    expect(reply.body.length).toBeLessThan(2_000);
    expect(reply.body).toContain("Too much to send");
    expect(reply.body).not.toContain("aaaa");
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, serverRssMb());
  expect(Date.now() - started).toBeLessThan(5_000);
  // Before the fix the body was read whole and echoed twice: +1 GB. PGlite alone moves by a few MB.
  expect(peak - before).toBeLessThan(30);
});

test("every route counts the body: chunked posts over 64 KB get a 413 in the reader's language", async () => {
  for (const path of ["/org/sign-in", "/org/magic-link", `/c/${OPEN_CAMPAIGN}/thank-you`]) {
    const reply = await postChunked(path, 1, { "Accept-Language": "fr-FR,fr;q=0.9" });
    expect(reply.status, path).toBe(413);
    expect(reply.body).toContain("Envoi trop volumineux");
  }
});

test("a malformed session cookie is no session: organizer pages answer as to a stranger", async ({ playwright }) => {
  for (const cookie of ["picket_session=%", "picket_session=%E0%A4%A", "picket_session=x; picket_session=%"]) {
    const request = await playwright.request.newContext({ extraHTTPHeaders: { Cookie: cookie } });
    const signIn = await request.get("/org/sign-in");
    expect(signIn.status(), cookie).toBe(200);
    expect(await signIn.text()).toContain("Sign in");
    for (const path of ["/org", "/org/account", `/org/c/${OPEN_CAMPAIGN}/signers`]) {
      const page = await request.get(path, { maxRedirects: 0 });
      expect(page.status(), `${path} with ${cookie}`).toBe(302);
      expect(page.headers()["location"]).toMatch(/^\/org\/sign-in/);
    }
    await request.dispose();
  }
});

test("a form posted from another site gets a short 403 in the reader's language, not a 500", async ({ request }) => {
  const logBefore = serverLogLines();
  const attempts: [origin: string, path: string][] = [
    ["https://evil.example", "/org/sign-in"],
    ["evil", `/c/${OPEN_CAMPAIGN}`],
    ["null", `/c/${OPEN_CAMPAIGN}.data`],
  ];
  for (const [origin, path] of attempts) {
    const reply = await request.post(path, {
      headers: { Origin: origin, "Accept-Language": "es-MX,es;q=0.9" },
      form: { email: "organizer@example.org", password: "wrong password" },
      maxRedirects: 0,
    });
    expect(reply.status(), `${path} from ${origin}`).toBe(403);
    const body = await reply.text();
    expect(body).toContain("Formulario rechazado");
    expect(body.length).toBeLessThan(2_000);
  }
  // The same form from the site itself is read as usual (a wrong password: 400 with the form).
  const own = await request.post("/org/sign-in", {
    headers: { Origin: APP_URL },
    form: { email: "organizer@example.org", password: "wrong password" },
  });
  expect(own.status()).toBe(400);
  // Each refusal wrote one line to the server's log, naming the path and origin and nothing else.
  const refusals = serverLogLines().slice(logBefore.length).filter((line) => line.includes("cross-site"));
  expect(refusals).toEqual([
    '[http] refused a cross-site POST /org/sign-in (Origin: "https://evil.example")',
    `[http] refused a cross-site POST /c/${OPEN_CAMPAIGN} (Origin: "evil")`,
    `[http] refused a cross-site POST /c/${OPEN_CAMPAIGN}.data (Origin: "null")`,
  ]);
});

/** The server log's complete lines so far. */
function serverLogLines(): string[] {
  return readFileSync(SERVER_LOG, "utf8").split("\n").slice(0, -1);
}

/** A field name each form really has, so the bodies below are what a tampered copy of that form sends. */
function tamperedBodies(field: string, fixed: Record<string, string>): { what: string; body: string }[] {
  const rest = new URLSearchParams(fixed).toString();
  const withRest = (body: string) => (rest ? `${body}&${rest}` : body);
  return [
    { what: `${field} twice`, body: withRest(`${field}=x&${field}=y`) },
    { what: `${field}[0]`, body: withRest(`${field}%5B0%5D=x`) },
    { what: `${field}.a`, body: withRest(`${field}.a=x`) },
  ];
}

test("every form answers a repeated or nested field name with 400 'This form could not be read', never a 500", async ({ page }) => {
  await signInAsOrganizer(page);
  const request = page.request;
  const campaign = `/org/c/${OPEN_CAMPAIGN}`;
  const html = async (path: string) => (await request.get(path)).text();
  const membersHref = /href="(\/org\/groups\/\d+\/members)"/.exec(await html("/org"))![1]!;
  const optionHref = new RegExp(`href="(${campaign}/pledges/\\d+)"`).exec(await html(`${campaign}/pledges`))![1]!;
  const draft = await request.post(`${campaign}/updates`, { form: { intent: "create", subject: "Form walker", body: "A draft." }, maxRedirects: 0 });
  const updateHref = draft.headers()["location"]!;
  expect(updateHref).toMatch(/\/updates\/\d+$/);

  const forms: [path: string, field: string, fixed: Record<string, string>][] = [
    [`/c/${OPEN_CAMPAIGN}`, "firstName", {}],
    ["/org/sign-in", "email", { password: "x" }],
    ["/org/magic-link", "email", {}],
    ["/org/forgot-password", "email", {}],
    ["/org/account", "name", { intent: "name" }],
    ["/org/account", "intent", {}],
    ["/org/campaigns/new", "title", {}],
    [`${campaign}/edit`, "title", { intent: "save" }],
    [`${campaign}/signers`, "q", { intent: "filter" }],
    [`${campaign}/signers`, "signatureId", { intent: "hide-message" }],
    [membersHref, "email", { intent: "invite", role: "viewer" }],
    [`${campaign}/pledges`, "title", { intent: "create" }],
    [`${campaign}/pledges`, "optionId", { intent: "retire" }],
    [optionHref, "pledgeId", { intent: "fulfil" }],
    [`${optionHref}/edit`, "title", {}],
    [`${campaign}/updates`, "subject", { intent: "create", body: "b" }],
    [updateHref, "subject", { intent: "save", body: "b" }],
    [updateHref, "confirm", { intent: "send" }],
  ];
  for (const [path, field, fixed] of forms) {
    for (const { what, body } of tamperedBodies(field, fixed)) {
      const reply = await request.post(path, {
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        data: body,
        maxRedirects: 0,
      });
      expect(reply.status(), `POST ${path} with ${what}`).toBe(400);
      expect(await reply.text()).toContain("This form could not be read");
    }
  }
  // Forms sent as links: the export answers the same; the signer list's filters fall back to "everything".
  expect((await request.get(`${campaign}/export.csv?status=confirmed&status=all&columns=email`, { maxRedirects: 0 })).status()).toBe(400);
  expect((await request.get(`${campaign}/signers?status=all&status=confirmed&country.a=x`)).status()).toBe(200);
  // In the reader's language.
  const french = await request.post(`/c/${OPEN_CAMPAIGN}`, {
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "fr" },
    data: "firstName[0]=x",
  });
  expect(await french.text()).toContain("Ce formulaire n’a pas pu être lu");
});
