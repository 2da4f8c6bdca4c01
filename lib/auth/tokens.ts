import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export const TOKEN_PREFIX = { session: "ocfs", api: "ocf_pat", invitation: "ocfi", reset: "ocfr" } as const;

/** A random secret with a readable prefix: `ocf_pat_<43 base64url chars>`. */
export function generateToken(kind: keyof typeof TOKEN_PREFIX): string {
  return `${TOKEN_PREFIX[kind]}_${randomBytes(32).toString("base64url")}`;
}

/** Secrets are stored only as their SHA-256 (they carry 256 bits of entropy, so no salt is needed). */
export function hashToken(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

/** Session tokens are keyed with SESSION_SECRET as well: rotating it signs everyone out. */
export function hashSessionToken(token: string): Buffer {
  return createHmac("sha256", env().SESSION_SECRET).update(token).digest();
}

export function safeEqual(a: string, b: string): boolean {
  const left = createHash("sha256").update(a).digest();
  const right = createHash("sha256").update(b).digest();
  return timingSafeEqual(left, right);
}
