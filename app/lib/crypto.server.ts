import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: used for links people receive by email. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps instead of a token: a leaked table cannot be used to confirm anyone. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Keyed so the stored value cannot be reversed by hashing all 2^32 IPv4 addresses. */
export function hashIp(ip: string, secret: string): string {
  return createHmac("sha256", secret).update(ip).digest("hex");
}

/** Tokens have a fixed shape; anything else is refused before touching the database. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * Links waiting in the job queue are sealed (AES-256-GCM) so that reading the jobs table is not
 * enough to use them. The key comes from SESSION_SECRET through HKDF, with its own label, so no
 * new secret is needed and the key is used for nothing else; changing the secret voids queued links.
 */
export function sealKeyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "picket", "email job tokens v1", 32));
}

/** base64url of nonce (12 bytes) | tag (16 bytes) | ciphertext. */
export function seal(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64url");
}

/** The sealed text, or null if it was not sealed with this key or was changed since. */
export function unseal(key: Buffer, sealed: string): string | null {
  const raw = Buffer.from(sealed, "base64url");
  if (raw.length < 28) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
