import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, test, vi } from "vitest";
import { sendResponse } from "../../server/remix-handler";
import { securityHeaders } from "../../server/security-headers";

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

describe("security headers", () => {
  const serve = (production: boolean, answer: Response | null) => {
    const app = express();
    app.use(securityHeaders({ production, development: false }));
    app.all("*", (_req, res) => void (answer ? sendResponse(res, answer) : res.send("plain")));
    return app;
  };
  async function headersOf(app: express.Express): Promise<Headers> {
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      return (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).headers;
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  test("every response gets a policy with its own nonce, no inline or eval allowance, and no framing", async () => {
    const first = (await headersOf(serve(false, null))).get("content-security-policy")!;
    const second = (await headersOf(serve(false, null))).get("content-security-policy")!;
    expect(first).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}'/);
    expect(first).not.toBe(second);
    expect(first).toContain("frame-ancestors 'none'");
    expect(first).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  test("Strict-Transport-Security only in production", async () => {
    expect((await headersOf(serve(true, null))).get("strict-transport-security")).toMatch(/^max-age=31536000/);
    expect((await headersOf(serve(false, null))).get("strict-transport-security")).toBeNull();
  });

  test("a response that sets its own policy (an email preview for our frames) replaces the default; cookies stay repeated", async () => {
    const answer = new Response("<p>mail</p>", {
      headers: [
        ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'"],
        ["X-Frame-Options", "SAMEORIGIN"],
        ["Set-Cookie", "a=1"],
        ["Set-Cookie", "b=2"],
      ],
    });
    const headers = await headersOf(serve(true, answer));
    expect(headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'self'");
    expect(headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(headers.get("x-content-type-options")).toBe("nosniff");
  });
});
