import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, expect, test, vi } from "vitest";
import { sendResponse } from "../../server/remix-handler";

/**
 * The browser often gives up on a request before the app has answered (lazy route discovery's
 * /__manifest fetch when the person navigates on, a prefetch cut short). Writing the late answer
 * used to fail with ERR_STREAM_UNABLE_TO_PIPE and print a stack trace for a routine event.
 */
afterEach(() => vi.restoreAllMocks());

async function withServer(handle: express.RequestHandler, run: (port: number) => Promise<void>): Promise<void> {
  const app = express();
  app.all("*", handle);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    await run((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test("an answer ready after the client has gone is dropped quietly, and its body is released", async () => {
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  let cancelled = false;
  let sent: Promise<void> | undefined;
  let markClientGone = () => {};
  const clientGone = new Promise<void>((resolve) => (markClientGone = resolve));
  await withServer(
    (_req, res) => {
      // The app answers only once the connection is closed, as a slow loader would.
      res.once("close", () => {
        const body = new ReadableStream<Uint8Array>({
          pull: (controller) => controller.enqueue(new TextEncoder().encode("{}")),
          cancel: () => {
            cancelled = true;
          },
        });
        sent = sendResponse(res, new Response(body, { headers: { "Content-Type": "application/json" } }));
        markClientGone();
      });
    },
    async (port) => {
      const request = http.get({ host: "127.0.0.1", port, path: "/__manifest?p=%2Fc%2Fx" });
      request.on("error", () => {});
      setTimeout(() => request.destroy(), 50);
      await clientGone;
      await sent;
    },
  );
  expect(errors).not.toHaveBeenCalled();
  expect(cancelled).toBe(true);
});

test("an answer to a client still there is written whole", async () => {
  await withServer(
    (_req, res) => void sendResponse(res, new Response("hello", { status: 201, headers: { "X-Test": "yes" } })),
    async (port) => {
      const reply = await fetch(`http://127.0.0.1:${port}/`);
      expect(reply.status).toBe(201);
      expect(reply.headers.get("x-test")).toBe("yes");
      expect(await reply.text()).toBe("hello");
    },
  );
});
