import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createReadableStreamFromReadable, createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type express from "express";
import { describeError } from "../app/lib/log-safe.server";
import { sendRefusal } from "./refusals";

/**
 * Express → Remix, as @remix-run/express does it (request included), except for how the response body is written.
 * The adapter writes every chunk without waiting for the socket to take it, so a big streamed
 * response (a signer export) would pile up in memory behind a slow client, and would keep
 * reading from the database after the client has gone. Here the body goes through
 * stream.pipeline: it is read only as fast as the client takes it, and a closed connection
 * cancels it (which stops the export's query).
 *
 * Request bodies are counted as they arrive, chunked ones included (they carry no
 * Content-Length to check up front): past `bodyLimit(req)` bytes the client gets a 413 at once,
 * the connection is closed and nothing more is read.
 */
export function remixHandler(options: {
  build: () => ServerBuild;
  mode: "development" | "production";
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext;
  bodyLimit: (req: express.Request) => number;
}): express.RequestHandler {
  let cached: { build: ServerBuild; handle: ReturnType<typeof createRequestHandler> } | null = null;
  const handlerFor = (build: ServerBuild) => {
    if (cached?.build !== build) cached = { build, handle: createRequestHandler(build, options.mode) };
    return cached.handle;
  };
  return async (req, res, next) => {
    const limit = options.bodyLimit(req);
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      refuseBody(req, res);
      return;
    }
    let response: Response;
    try {
      const request = remixRequest(req, res, limit);
      response = await handlerFor(options.build())(request, options.getLoadContext(req, res));
    } catch (error) {
      next(error);
      return;
    }
    await sendResponse(res, response);
  };
}

/** The Fetch Request for an Express request, aborted if the client goes before the response is done. */
function remixRequest(req: express.Request, res: express.Response, bodyLimit: number): Request {
  // req.hostname follows "trust proxy"; the port comes from X-Forwarded-Host or Host.
  const port = /:(\d+)$/.exec(req.get("X-Forwarded-Host") ?? req.get("host") ?? "")?.[1];
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = limitedBody(req, bodyLimit, () => {
      controller.abort();
      refuseBody(req, res);
    });
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

/**
 * The request body as a web stream that errors once more than `limit` bytes have arrived. It
 * reads only when the app asks for more, so an app that stops reading stops the upload too.
 */
function limitedBody(req: express.Request, limit: number, onTooLarge: () => void): ReadableStream<Uint8Array> {
  // destroyOnReturn: false, so that stopping the reading does not kill the connection (see refuseBody).
  const chunks = req.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer>;
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) {
        controller.close();
        return;
      }
      received += value.byteLength;
      if (received > limit) {
        controller.error(new Error("request body over the limit"));
        await chunks.return?.();
        onTooLarge();
        return;
      }
      controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}

/**
 * The 413, then the connection is closed. For a moment the rest of the body is read and dropped
 * (no memory kept): closing a socket with unread data makes the kernel reset it, and the client
 * would lose the reply it has not read yet.
 */
function refuseBody(req: express.Request, res: express.Response): void {
  sendRefusal(req, res, "tooLarge");
  const close = setTimeout(() => req.socket.destroy(), BODY_DRAIN_MS);
  req.once("end", () => clearTimeout(close));
  req.resume();
}
const BODY_DRAIN_MS = 1_000;

/** Exported for its tests. */
export async function sendResponse(res: express.Response, response: Response): Promise<void> {
  // The client went away while the app was answering (a prefetch cut short, a closed tab), or the
  // body limit already answered: there is no one to write to, and piping into a destroyed socket
  // fails with ERR_STREAM_UNABLE_TO_PIPE. Release the body so whatever produces it stops.
  if (res.headersSent || res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  res.statusMessage = response.statusText;
  res.status(response.status);
  // What the app says replaces the defaults set earlier (server/security-headers.ts): a page that
  // may be framed sends its own Content-Security-Policy. Repeated headers (Set-Cookie) stay repeated.
  const replaced = new Set<string>();
  for (const [key, value] of response.headers.entries()) {
    if (!replaced.has(key)) {
      res.removeHeader(key);
      replaced.add(key);
    }
    res.append(key, value);
  }
  if (!response.body) {
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>), res);
  } catch (error) {
    // The client going away mid-response is routine; anything else is worth a line in the log.
    if ((error as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") {
      console.error(`[http] response to ${req(res)} failed: ${describeError(error)}`);
    }
  }
}

const req = (res: express.Response) => `${res.req.method} ${res.req.path}`;
