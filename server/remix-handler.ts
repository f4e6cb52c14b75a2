import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createReadableStreamFromReadable, createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type express from "express";
import { describeError } from "../app/lib/log-safe.server";

/**
 * Express → Remix, as @remix-run/express does it (request included), except for how the response body is written.
 * The adapter writes every chunk without waiting for the socket to take it, so a big streamed
 * response (a signer export) would pile up in memory behind a slow client, and would keep
 * reading from the database after the client has gone. Here the body goes through
 * stream.pipeline: it is read only as fast as the client takes it, and a closed connection
 * cancels it (which stops the export's query).
 */
export function remixHandler(options: {
  build: () => ServerBuild;
  mode: "development" | "production";
  getLoadContext: (req: express.Request) => AppLoadContext;
}): express.RequestHandler {
  let cached: { build: ServerBuild; handle: ReturnType<typeof createRequestHandler> } | null = null;
  const handlerFor = (build: ServerBuild) => {
    if (cached?.build !== build) cached = { build, handle: createRequestHandler(build, options.mode) };
    return cached.handle;
  };
  return async (req, res, next) => {
    let response: Response;
    try {
      const request = remixRequest(req, res);
      response = await handlerFor(options.build())(request, options.getLoadContext(req));
    } catch (error) {
      next(error);
      return;
    }
    await sendResponse(res, response);
  };
}

/** The Fetch Request for an Express request, aborted if the client goes before the response is done. */
function remixRequest(req: express.Request, res: express.Response): Request {
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
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

async function sendResponse(res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
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
