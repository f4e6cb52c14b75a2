import path from "node:path";
import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "~/lib/config.server";

const productionBase = {
  NODE_ENV: "production",
  RESEND_API_KEY: "re_live_key",
  SESSION_SECRET: "s".repeat(32),
  MAIL_FROM: "Solidarity <campaigns@union.example.org>",
  APP_URL: "https://petitions.union.example.org",
};

/** The ConfigError message loadConfig throws for `env` (fails the test if it does not throw). */
function configErrorFor(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  test("an empty environment gives working development defaults", () => {
    const config = loadConfig({});
    expect(config.env).toBe("development");
    expect(config.isProduction).toBe(false);
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve(".data"));
    expect(config.appUrl).toBe("http://localhost:3000");
    expect(config.resendApiKey).toBeUndefined();
    expect(config.mailFrom).toBe("Picket <picket@example.org>");
    expect(config.mailRateLimit).toBe(8);
    expect(config.mailMaxAttempts).toBe(10);
    expect(config.runWorker).toBe(true);
    expect(config.seedDemo).toBe("auto");
    expect(config.trustProxy).toBe("loopback");
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.ipHashSecret).toBe(config.sessionSecret);
  });

  test("values are read and converted", () => {
    const config = loadConfig({
      PORT: "8080",
      DATABASE_URL: "postgres://picket@db:5432/picket",
      APP_URL: "https://picket.example.org///",
      MAIL_RATE_LIMIT: "2.5",
      MAIL_MAX_ATTEMPTS: "3",
      RUN_WORKER: "false",
      TRUST_PROXY: "2",
      IP_HASH_SECRET: "i".repeat(32),
    });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe("postgres://picket@db:5432/picket");
    expect(config.appUrl).toBe("https://picket.example.org");
    expect(config.mailRateLimit).toBe(2.5);
    expect(config.mailMaxAttempts).toBe(3);
    expect(config.runWorker).toBe(false);
    expect(config.trustProxy).toBe(2);
    expect(config.ipHashSecret).toBe("i".repeat(32));
  });

  test("an empty DATABASE_URL means the embedded database", () => {
    expect(loadConfig({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  });

  test.each(["abc", "70000", "-1", "80.5"])("a bad PORT (%s) is refused with a message naming PORT", (port) => {
    const message = configErrorFor({ PORT: port });
    expect(message).toMatch(/\bPORT\b/);
    expect(message).not.toMatch(/DATABASE_URL/);
  });

  test.each(["not a url", "mysql://root@localhost/picket", "localhost:5432/picket"])(
    "a bad DATABASE_URL (%s) is refused with a message naming DATABASE_URL",
    (url) => {
      const message = configErrorFor({ DATABASE_URL: url });
      expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    },
  );

  test("every bad variable is named at once", () => {
    const message = configErrorFor({ PORT: "x", DATABASE_URL: "nope", MAIL_MAX_ATTEMPTS: "0" });
    expect(message).toMatch(/\bPORT\b/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/MAIL_MAX_ATTEMPTS/);
  });

  test("production without RESEND_API_KEY is refused with a message naming it", () => {
    const message = configErrorFor({ ...productionBase, RESEND_API_KEY: undefined });
    expect(message).toMatch(/RESEND_API_KEY: is required in production/);
  });

  test("production with a blank RESEND_API_KEY is refused too", () => {
    expect(configErrorFor({ ...productionBase, RESEND_API_KEY: "   " })).toMatch(/RESEND_API_KEY/);
  });

  test("production without SESSION_SECRET is refused with a message naming it", () => {
    expect(configErrorFor({ ...productionBase, SESSION_SECRET: undefined })).toMatch(/SESSION_SECRET/);
  });

  test("a short SESSION_SECRET is refused", () => {
    expect(configErrorFor({ SESSION_SECRET: "short" })).toMatch(/SESSION_SECRET: must be at least 32 characters/);
  });

  test("production with its required settings starts", () => {
    const config = loadConfig(productionBase);
    expect(config.isProduction).toBe(true);
    expect(config.resendApiKey).toBe("re_live_key");
    expect(config.sessionSecret).toBe("s".repeat(32));
    expect(config.mailFrom).toBe("Solidarity <campaigns@union.example.org>");
  });

  test("production without APP_URL is refused: emails would link to localhost", () => {
    expect(configErrorFor({ ...productionBase, APP_URL: undefined })).toMatch(/APP_URL: is required in production/);
  });

  test("development links point at the local port", () => {
    expect(loadConfig({ PORT: "4123" }).appUrl).toBe("http://localhost:4123");
  });

  test.each([
    ["true", true],
    ["false", false],
    ["2", 2],
    ["loopback, 10.0.0.0/8", "loopback, 10.0.0.0/8"],
  ] as const)("TRUST_PROXY=%s is passed to Express as %s", (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  test("production without MAIL_FROM is refused with a message naming it", () => {
    expect(configErrorFor({ ...productionBase, MAIL_FROM: undefined })).toMatch(/MAIL_FROM: is required in production/);
  });

  test.each(["Picket", "picket@localhost", "Picket <picket@localhost>", "Picket <>"])(
    "a MAIL_FROM Resend would refuse (%s) is refused with a message naming it",
    (from) => {
      expect(configErrorFor({ MAIL_FROM: from })).toMatch(/MAIL_FROM: must look like/);
    },
  );

  test.each(["picket@example.org", "Picket <picket@example.org>", "Union Local 12 <news@local12.example.org>"])(
    "a MAIL_FROM like %s is accepted",
    (from) => {
      expect(loadConfig({ MAIL_FROM: from }).mailFrom).toBe(from);
    },
  );

  // Every other optional variable treats an empty value (`PORT=` in an env file) as unset.
  test("an empty PORT means the default port, not a random one", () => {
    expect(loadConfig({ PORT: "" }).port).toBe(3000);
  });

  test("development does not need a Resend key: mail goes to the dev mailbox", () => {
    expect(loadConfig({ NODE_ENV: "development" }).resendApiKey).toBeUndefined();
  });

  test("live reload is on only in development with REMIX_DEV_ORIGIN", () => {
    expect(loadConfig({ REMIX_DEV_ORIGIN: "http://localhost:3001" }).liveReload).toBe(true);
    expect(loadConfig({}).liveReload).toBe(false);
    expect(loadConfig({ ...productionBase, REMIX_DEV_ORIGIN: "http://localhost:3001" }).liveReload).toBe(false);
  });
});
