import Stripe from "stripe";

// Stripe-shaped webhook events, signed by the `stripe` library itself (as Stripe signs them).
const signer = new Stripe("sk_test_signer_only");
let serial = 0;

export type SignedEvent = { id: string; rawBody: string; signature: string };

/** The event as Stripe would send it, signed with `secret` (at `timestamp`, default now). */
export function signEvent(secret: string, type: string, object: Record<string, unknown>, options: { id?: string; created?: number; timestamp?: number } = {}): SignedEvent {
  const id = options.id ?? `evt_test_${Date.now()}_${++serial}`;
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const event = { id, object: "event", api_version: Stripe.API_VERSION, created, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } };
  const rawBody = JSON.stringify(event);
  return { id, rawBody, signature: signer.webhooks.generateTestHeaderString({ payload: rawBody, secret, timestamp: options.timestamp }) };
}

/** A subscription object with one item on `price`. */
export function subscription(o: { id: string; customer: string; status: string; price: string; teamId?: string; plan?: string }) {
  const periodEnd = Math.floor(Date.now() / 1000) + 30 * 86_400;
  return {
    id: o.id,
    object: "subscription",
    customer: o.customer,
    status: o.status,
    metadata: o.teamId ? { team_id: o.teamId, plan: o.plan ?? "" } : {},
    items: { object: "list", data: [{ id: `si_${o.id}`, object: "subscription_item", current_period_end: periodEnd, price: { id: o.price, object: "price" } }] },
  };
}

export const checkoutSession = (o: { teamId: string; customer: string; subscription: string; plan: string }) => ({
  id: `cs_test_${o.subscription}`,
  object: "checkout.session",
  mode: "subscription",
  client_reference_id: o.teamId,
  customer: o.customer,
  subscription: o.subscription,
  metadata: { team_id: o.teamId, plan: o.plan },
});

export const failedInvoice = (o: { customer: string; subscription: string }) => ({
  id: `in_${o.subscription}_${++serial}`,
  object: "invoice",
  customer: o.customer,
  status: "open",
  parent: { type: "subscription_details", subscription_details: { subscription: o.subscription, metadata: {} } },
});
