import { readRawBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withPublic } from "@/lib/api/with-session";
import { receiveWebhook } from "@/lib/server/billing/webhook";

// Stripe's events are small, but an invoice with many lines can pass the 64 KiB of our JSON bodies.
const MAX_WEBHOOK_BYTES = 512 * 1024;

// POST /api/billing/webhook – Stripe's events, verified against the raw body's signature, each applied once
export const POST = withPublic(async (req) => json(await receiveWebhook(await readRawBody(req, MAX_WEBHOOK_BYTES), req.headers.get("stripe-signature"))));
