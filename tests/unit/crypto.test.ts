import { describe, expect, test } from "vitest";
import { hashIp, hashToken, isWellFormedToken, newToken, seal, sealKeyFrom, unseal } from "~/lib/crypto.server";

describe("confirmation tokens", () => {
  test("carry at least 128 random bits and only URL-safe characters", () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    expect(encodeURIComponent(token)).toBe(token);
  });

  test("are different every time", () => {
    const tokens = new Set(Array.from({ length: 1000 }, newToken));
    expect(tokens.size).toBe(1000);
  });

  test("every new token is well formed", () => {
    for (let i = 0; i < 200; i++) expect(isWellFormedToken(newToken())).toBe(true);
  });

  test("anything of another shape is not a token", () => {
    const token = newToken();
    for (const bad of ["", token.slice(1), `${token}A`, `${token.slice(1)}=`, `${token.slice(1)}+`, `${token.slice(1)}/`, " ".repeat(43), `${token.slice(1)}\n`]) {
      expect(isWellFormedToken(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  test("hashing is deterministic, one-way looking, and tells tokens apart", () => {
    const token = newToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(token)).not.toBe(hashToken(newToken()));
  });
});

describe("hashIp", () => {
  const secret = "k".repeat(32);

  test("is deterministic for one secret and does not contain the address", () => {
    expect(hashIp("203.0.113.7", secret)).toBe(hashIp("203.0.113.7", secret));
    expect(hashIp("203.0.113.7", secret)).not.toContain("203.0.113.7");
    expect(hashIp("203.0.113.7", secret)).not.toBe(hashIp("203.0.113.8", secret));
  });

  test("depends on the secret, so a table of hashed addresses cannot be built without it", () => {
    expect(hashIp("203.0.113.7", secret)).not.toBe(hashIp("203.0.113.7", "x".repeat(32)));
  });
});

describe("sealed tokens in the job queue", () => {
  const key = sealKeyFrom("a session secret of at least 32 characters");

  test("open with the same key, and do not contain the token", () => {
    const token = newToken();
    const sealed = seal(key, token);
    expect(sealed).not.toContain(token);
    expect(unseal(key, sealed)).toBe(token);
    expect(seal(key, token)).not.toBe(sealed);
  });

  test("a changed byte, another key or garbage opens to nothing", () => {
    const sealed = seal(key, newToken());
    const raw = Buffer.from(sealed, "base64url");
    for (const at of [0, 13, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[at] = tampered[at]! ^ 1;
      expect(unseal(key, tampered.toString("base64url"))).toBeNull();
    }
    expect(unseal(sealKeyFrom("another session secret, also long enough"), sealed)).toBeNull();
    expect(unseal(key, "")).toBeNull();
    expect(unseal(key, "not sealed at all")).toBeNull();
  });
});
