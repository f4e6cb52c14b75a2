import { createHash, createHmac, randomBytes } from "node:crypto";

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
