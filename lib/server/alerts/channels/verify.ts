import { timingSafeEqual } from "node:crypto";
import { signWebhook } from "./format";

// What a receiver passes in: the two headers, the raw body and its copy of the channel's secret.
export type WebhookSignatureCheck = {
  secret: string;
  /** The X-OpenClaw-Fleet-Timestamp header (Unix seconds). */
  timestamp: string;
  /** The raw request body, exactly as received (not re-serialised JSON). */
  body: string;
  /** The X-OpenClaw-Fleet-Signature header (`v1=<hex>`). */
  signature: string;
  /** How far the timestamp may be from now, either way; default five minutes. */
  toleranceS?: number;
  /** Now in milliseconds (tests). */
  now?: number;
};

/**
 * Receivers use this to prove a request came from us, unaltered and recent. In a Next.js route:
 *
 *   export async function POST(req: Request) {
 *     const body = await req.text(); // the raw body: parse only after verifying
 *     const ok = verifyWebhookSignature({ secret: process.env.FLEET_WEBHOOK_SECRET ?? "", body,
 *       timestamp: req.headers.get("x-openclaw-fleet-timestamp") ?? "",
 *       signature: req.headers.get("x-openclaw-fleet-signature") ?? "" });
 *     if (!ok) return new Response("bad signature", { status: 401 });
 *     const event = JSON.parse(body); // deduplicate on event.idempotencyKey (retries repeat it)
 *     return new Response(null, { status: 204 });
 *   }
 *
 * Elsewhere: expected = "v1=" + hex(HMAC-SHA256(secret, timestamp + "." + rawBody)), compared in
 * constant time, and the timestamp refused when more than five minutes from the receiver's clock.
 */
export function verifyWebhookSignature({ secret, timestamp, body, signature, toleranceS = 300, now = Date.now() }: WebhookSignatureCheck): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  const ts = Number(timestamp);
  if (Math.abs(now / 1000 - ts) > toleranceS) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(signature.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
