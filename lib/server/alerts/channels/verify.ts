import { timingSafeEqual } from "node:crypto";
import { signWebhook } from "./format";

/**
 * What a receiver of our signed webhooks does: recompute v1=HMAC-SHA256(secret, "<timestamp>.<raw
 * body>"), compare in constant time, and refuse timestamps older (or newer) than the tolerance.
 */
export function verifyWebhookSignature(o: { secret: string; timestamp: string; body: string; signature: string; toleranceS?: number; now?: number }): boolean {
  const ts = Number(o.timestamp);
  if (!Number.isInteger(ts) || Math.abs((o.now ?? Date.now()) / 1000 - ts) > (o.toleranceS ?? 300)) return false;
  const expected = Buffer.from(signWebhook(o.secret, ts, o.body));
  const given = Buffer.from(o.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
