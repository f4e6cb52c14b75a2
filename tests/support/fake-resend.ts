/**
 * In-process fake of the Resend HTTP API (POST /emails, POST /emails/batch).
 *
 * Point the real `resend` SDK at it with RESEND_BASE_URL (read when `new Resend()`
 * runs) or `new Resend(key, { baseUrl })`. Error bodies mirror the real API's
 * `{ statusCode, name, message }`, which the SDK returns verbatim as `error`, so
 * application code sees exactly what production would.
 *
 * Browser tests in another process use the unauthenticated `/_fake/*` endpoints.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomUUID } from "node:crypto";

export interface FakeEmail {
  id: string;
  from: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  html?: string;
  text?: string;
  headers?: Record<string, string>;
  tags?: unknown;
  replyTo?: unknown;
  idempotencyKey?: string;
  receivedAt: number;
  /** Shared by every email accepted in the same POST /emails/batch. */
  batchId?: string;
}

export type FailStatus = 429 | 500 | 503;

export interface FakeResend {
  url: string;
  /** Accepted messages in order (each batch item is its own entry). */
  readonly emails: FakeEmail[];
  /** Requests to /emails and /emails/batch, including rejected and dropped ones. */
  readonly requests: number;
  /** Requests answered from the idempotency record (a retry of an accepted request). */
  readonly replays: number;
  /** API requests refused, by status (injected faults, rate limiting, validation). */
  readonly rejections: Readonly<Record<number, number>>;
  failNext(status: FailStatus, count?: number, opts?: { retryAfterSeconds?: number }): void;
  setFailureRate(rate: number, status?: FailStatus): void;
  setRateLimit(requestsPerSecond: number | null): void;
  setDown(down: boolean): void;
  /** Forget emails, counters, idempotency keys and every injected fault. */
  clear(): void;
  waitForEmail(predicate: (e: FakeEmail) => boolean, timeoutMs?: number): Promise<FakeEmail>;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
interface Reply { status: number; body: unknown; headers?: Record<string, string> }

class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers?: Record<string, string>) {
    super(message);
  }
  reply(): Reply {
    return { status: this.status, body: { statusCode: this.status, name: this.code, message: this.message }, headers: this.headers };
  }
}

const invalid = (message: string) => new ApiError(422, "validation_error", message);

// Same shapes the real API accepts: `addr@domain.tld` or `Name <addr@domain.tld>`.
const ADDR = /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/;
const NAMED_ADDR = /^[^<>]*<([^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+)>$/;
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;

function bareAddress(value: string): string | null {
  const v = value.trim();
  if (ADDR.test(v)) return v;
  return NAMED_ADDR.exec(v)?.[1] ?? null;
}

function addressList(value: unknown, field: string, max: number): string[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0) throw invalid(`Missing \`${field}\` field.`);
  if (list.length > max) throw invalid(`Too many recipients in \`${field}\`: maximum is ${max}.`);
  for (const item of list) {
    if (typeof item !== "string" || !bareAddress(item)) {
      throw invalid(`Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`);
    }
  }
  return list as string[];
}

const optionalString = (v: unknown, field: string): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw invalid(`The \`${field}\` field must be a string.`);
  return v;
};

/** Validate one email payload (SDK sends snake_case, e.g. reply_to) into a stored record. */
function parseEmail(raw: unknown, inBatch: boolean): Omit<FakeEmail, "id" | "receivedAt"> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw invalid("The email payload must be a JSON object.");
  const b = raw as Json;
  if (b.from === undefined || b.from === null || b.from === "") throw invalid("Missing `from` field.");
  if (typeof b.from !== "string" || !bareAddress(b.from)) {
    throw invalid("Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.");
  }
  const to = addressList(b.to, "to", 50);
  if (typeof b.subject !== "string" || b.subject.trim() === "") throw invalid("Missing `subject` field.");
  const html = optionalString(b.html, "html");
  const text = optionalString(b.text, "text");
  if (!html && !text) throw invalid("Missing `html` or `text` field.");
  if (inBatch && (b.attachments != null || b.scheduled_at != null)) {
    throw invalid("The `attachments` and `scheduled_at` fields are not supported in batch sending.");
  }
  if (b.headers != null && (typeof b.headers !== "object" || Object.values(b.headers).some((v) => typeof v !== "string"))) {
    throw invalid("The `headers` field must be an object of string values.");
  }
  if (b.tags != null && (!Array.isArray(b.tags) || !b.tags.every((t: Json) => TAG_PART.test(String(t?.name)) && TAG_PART.test(String(t?.value))))) {
    throw invalid("Invalid `tags` field. Tag names and values may only contain ASCII letters, numbers, underscores or dashes.");
  }
  return {
    from: b.from,
    to,
    cc: b.cc == null ? undefined : addressList(b.cc, "cc", 50),
    bcc: b.bcc == null ? undefined : addressList(b.bcc, "bcc", 50),
    replyTo: b.reply_to == null ? undefined : addressList(b.reply_to, "reply_to", 50),
    subject: b.subject,
    html,
    text,
    headers: b.headers as Record<string, string> | undefined,
    tags: b.tags ?? undefined,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, { status, body, headers }: Reply): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

function isFailStatus(s: unknown): s is FailStatus {
  return s === 429 || s === 500 || s === 503;
}

function injectedError(status: FailStatus, retryAfterSeconds?: number): ApiError {
  const headers = retryAfterSeconds !== undefined || status === 429 ? { "retry-after": String(retryAfterSeconds ?? 1) } : undefined;
  if (status === 429) {
    return new ApiError(429, "rate_limit_exceeded", "Too many requests. You can only make a limited number of requests per second.", headers);
  }
  return status === 500
    ? new ApiError(500, "internal_server_error", "An unexpected error occurred.", headers)
    : new ApiError(503, "application_error", "Service temporarily unavailable.", headers);
}

export interface FakeResendOptions {
  port?: number;
  apiKey?: string;
  /** Keep each message's html and text (default). Benchmarks sending 100k messages turn it off. */
  keepContent?: boolean;
}

export async function startFakeResend(opts: FakeResendOptions = {}): Promise<FakeResend> {
  let emails: FakeEmail[] = [];
  let requests = 0;
  let replays = 0;
  let rejections: Record<number, number> = {};
  let failQueue: { status: FailStatus; retryAfterSeconds?: number }[] = [];
  let failureRate = 0;
  let failureStatus: FailStatus = 500;
  let rateLimit: number | null = null;
  let admitted: number[] = []; // timestamps of requests let through the rate limiter (sliding 1s window)
  let down = false;
  // Successful responses by Idempotency-Key, replayed verbatim like the real API (which keeps them 24h).
  const idempotent = new Map<string, { fingerprint: string; reply: Reply }>();
  const waiters = new Set<() => void>();

  function checkFaults(): void {
    const queued = failQueue.shift();
    if (queued) throw injectedError(queued.status, queued.retryAfterSeconds);
    if (failureRate > 0 && Math.random() < failureRate) throw injectedError(failureStatus);
    if (rateLimit !== null) {
      const now = Date.now();
      admitted = admitted.filter((t) => now - t < 1000);
      if (admitted.length >= rateLimit) {
        const retryAfter = Math.max(1, Math.ceil((admitted[0]! + 1000 - now) / 1000));
        throw new ApiError(429, "rate_limit_exceeded", `Too many requests. You can only make ${rateLimit} requests per second.`, {
          "retry-after": String(retryAfter),
          "ratelimit-limit": String(rateLimit),
          "ratelimit-remaining": "0",
          "ratelimit-reset": String(retryAfter),
        });
      }
      admitted.push(now);
    }
  }

  function checkAuth(req: IncomingMessage): void {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    if (!match) {
      throw new ApiError(401, "missing_api_key", "Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY");
    }
    const key = match[1]!;
    if (opts.apiKey !== undefined ? key !== opts.apiKey : !key.startsWith("re_")) {
      throw new ApiError(403, "invalid_api_key", "API key is invalid");
    }
  }

  async function handleApi(req: IncomingMessage, path: string): Promise<Reply> {
    const raw = await readBody(req); // always drain, so early error replies never race the upload
    checkFaults();
    checkAuth(req);
    if (req.method !== "POST") throw new ApiError(405, "method_not_allowed", "Method not allowed");
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new ApiError(400, "validation_error", "Invalid JSON body.");
    }

    const key = req.headers["idempotency-key"];
    const idempotencyKey = typeof key === "string" ? key : undefined;
    // A digest of the request, not the request: a batch is up to 100 whole messages.
    const fingerprint = createHash("sha256").update(`${path}\n${raw}`).digest("hex");
    if (idempotencyKey !== undefined) {
      if (idempotencyKey.length < 1 || idempotencyKey.length > 256) {
        throw new ApiError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
      }
      const previous = idempotent.get(idempotencyKey);
      if (previous && previous.fingerprint !== fingerprint) {
        throw new ApiError(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload. Change your idempotency key or payload.");
      }
      if (previous) {
        replays++;
        return previous.reply;
      }
    }

    const receivedAt = Date.now();
    let reply: Reply;
    if (path === "/emails") {
      const email: FakeEmail = { id: randomUUID(), ...parseEmail(body, false), idempotencyKey, receivedAt };
      store([email]);
      reply = { status: 200, body: { id: email.id } };
    } else {
      if (!Array.isArray(body) || body.length === 0) throw invalid("The batch payload must be a non-empty array of emails.");
      if (body.length > 100) throw invalid("Too many emails in batch: maximum is 100.");
      // `x-batch-validation: permissive` (SDK option batchValidation) accepts the valid items and lists the rest.
      const permissive = req.headers["x-batch-validation"] === "permissive";
      const batchId = randomUUID();
      const accepted: FakeEmail[] = [];
      const errors: { index: number; message: string }[] = [];
      body.forEach((item, index) => {
        try {
          accepted.push({ id: randomUUID(), ...parseEmail(item, true), idempotencyKey, receivedAt, batchId });
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          if (!permissive) throw invalid(`emails[${index}]: ${err.message}`);
          errors.push({ index, message: err.message });
        }
      });
      store(accepted);
      const data = accepted.map((e) => ({ id: e.id }));
      reply = { status: 200, body: permissive ? { data, errors } : { data } };
    }
    if (idempotencyKey !== undefined) idempotent.set(idempotencyKey, { fingerprint, reply });
    return reply;
  }

  function store(batch: FakeEmail[]): void {
    if (opts.keepContent === false) {
      for (const e of batch) {
        delete e.html;
        delete e.text;
      }
    }
    emails.push(...batch);
    for (const wake of [...waiters]) wake();
  }

  async function handleControl(req: IncomingMessage, url: URL): Promise<Reply> {
    const route = `${req.method} ${url.pathname}`;
    if (route === "GET /_fake/emails") {
      const to = url.searchParams.get("to")?.toLowerCase();
      const list = to ? emails.filter((e) => e.to.some((addr) => bareAddress(addr)?.toLowerCase() === to)) : emails;
      return { status: 200, body: list };
    }
    if (route === "GET /_fake/stats") return { status: 200, body: { requests, emails: emails.length } };
    if (route === "POST /_fake/clear") {
      fake.clear();
      return { status: 200, body: { ok: true } };
    }
    const raw = await readBody(req);
    const body = (raw ? JSON.parse(raw) : {}) as Json;
    if (route === "POST /_fake/fail") {
      if (!isFailStatus(body.status)) return { status: 400, body: { message: "status must be 429, 500 or 503" } };
      const count = typeof body.count === "number" ? body.count : 1;
      const retryAfterSeconds = typeof body.retryAfterSeconds === "number" ? body.retryAfterSeconds : undefined;
      fake.failNext(body.status, count, { retryAfterSeconds });
      return { status: 200, body: { ok: true } };
    }
    if (route === "POST /_fake/down") {
      fake.setDown(body.down === true);
      return { status: 200, body: { ok: true } };
    }
    return { status: 404, body: { message: `No fake control route ${route}` } };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const isApi = url.pathname === "/emails" || url.pathname === "/emails/batch";
    if (isApi) requests++;
    // Control routes stay up while "down" so a test can bring the API back.
    if (down && !url.pathname.startsWith("/_fake/")) {
      req.socket.destroy(); // the client sees a reset connection, i.e. a network failure
      return;
    }
    const handler = isApi
      ? handleApi(req, url.pathname)
      : url.pathname.startsWith("/_fake/")
        ? handleControl(req, url)
        : Promise.reject(new ApiError(404, "not_found", "The requested endpoint does not exist."));
    handler.then(
      (reply) => send(res, reply),
      (err: unknown) => {
        const status = err instanceof ApiError ? err.status : 500;
        if (isApi) rejections[status] = (rejections[status] ?? 0) + 1;
        if (err instanceof ApiError) return send(res, err.reply());
        if (err instanceof SyntaxError) return send(res, { status: 400, body: { message: "Invalid JSON body." } });
        send(res, { status: 500, body: { statusCode: 500, name: "internal_server_error", message: String(err) } });
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const fake: FakeResend = {
    url: `http://127.0.0.1:${port}`,
    get emails() {
      return emails;
    },
    get requests() {
      return requests;
    },
    get replays() {
      return replays;
    },
    get rejections() {
      return rejections;
    },
    failNext(status, count = 1, { retryAfterSeconds } = {}) {
      for (let i = 0; i < count; i++) failQueue.push({ status, retryAfterSeconds });
    },
    setFailureRate(rate, status = 500) {
      if (!(rate >= 0 && rate <= 1)) throw new RangeError("failure rate must be between 0 and 1");
      failureRate = rate;
      failureStatus = status;
    },
    setRateLimit(requestsPerSecond) {
      rateLimit = requestsPerSecond;
      admitted = [];
    },
    setDown(value) {
      down = value;
    },
    clear() {
      emails = [];
      requests = 0;
      replays = 0;
      rejections = {};
      failQueue = [];
      failureRate = 0;
      rateLimit = null;
      admitted = [];
      down = false;
      idempotent.clear();
    },
    waitForEmail(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = emails.find(predicate);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake-resend: no matching email within ${timeoutMs}ms (${emails.length} received)`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      server.closeAllConnections(); // keep-alive sockets from fetch would otherwise hold close() open
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
  return fake;
}
