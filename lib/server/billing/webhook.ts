import type Stripe from "stripe";
import { AppError } from "@/lib/api/errors";
import { billingEnabled } from "@/lib/billing/plans";
import { stripe } from "@/lib/billing/stripe";
import { isUuid } from "@/lib/auth/context";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { applyInvoiceFailed, applySubscription, linkCheckout } from "./apply-event";

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : value?.id ?? null);

/** The team an event is about: the id we gave Stripe (checkout, metadata), else the stored customer or subscription. */
async function teamOf(tx: Tx, hints: { teamId?: string | null; customer?: string | null; subscription?: string | null }): Promise<string | null> {
  if (hints.teamId && isUuid(hints.teamId)) {
    const [team] = await tx<{ id: string }[]>`select id from teams where id = ${hints.teamId}`;
    if (team) return team.id;
  }
  const [row] = await tx<{ team_id: string }[]>`
    select team_id from billing_subscriptions
    where stripe_subscription_id = ${hints.subscription ?? ""} or stripe_customer_id = ${hints.customer ?? ""}
    order by (stripe_subscription_id = ${hints.subscription ?? ""}) desc limit 1`;
  return row?.team_id ?? null;
}

async function apply(tx: Tx, event: Stripe.Event): Promise<string | null> {
  switch (event.type) {
    case "checkout.session.completed": {
      const s = event.data.object;
      if (s.mode !== "subscription") return null;
      const teamId = await teamOf(tx, { teamId: s.client_reference_id, customer: idOf(s.customer), subscription: idOf(s.subscription) });
      if (teamId) await linkCheckout(tx, teamId, event.id, { customer: idOf(s.customer), subscription: idOf(s.subscription), plan: s.metadata?.plan });
      return teamId;
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted": {
      const sub = event.data.object;
      const teamId = await teamOf(tx, { teamId: sub.metadata?.team_id, customer: idOf(sub.customer), subscription: sub.id });
      if (teamId) await applySubscription(tx, teamId, event, sub);
      return teamId;
    }
    case "invoice.payment_failed": {
      const invoice = event.data.object;
      const subscription = idOf(invoice.parent?.subscription_details?.subscription);
      const teamId = await teamOf(tx, { customer: idOf(invoice.customer), subscription });
      if (teamId) await applyInvoiceFailed(tx, teamId, event.id, subscription);
      return teamId;
    }
    default:
      return null;
  }
}

/**
 * Receives a Stripe webhook: the signature is checked by Stripe's library against the raw body, and
 * each event id is applied once (a replay answers 200 and changes nothing), in one transaction.
 */
export async function receiveWebhook(raw: Buffer, signature: string | null): Promise<{ received: true; duplicate: boolean }> {
  const settings = env();
  const secret = settings.STRIPE_WEBHOOK_SECRET;
  if (!billingEnabled(settings) || !secret) throw new AppError("not_found", "Billing is off on this server");
  let event: Stripe.Event;
  try {
    if (!signature) throw new Error("no signature");
    event = await stripe().webhooks.constructEventAsync(raw, signature, secret);
  } catch {
    throw new AppError("unauthorized", "The Stripe-Signature header is missing or does not match the body");
  }
  const sql = await db();
  return sql.begin(async (tx) => {
    const [fresh] = await tx`insert into stripe_events (id, type) values (${event.id}, ${event.type}) on conflict (id) do nothing returning id`;
    if (!fresh) return { received: true as const, duplicate: true };
    const teamId = await apply(tx, event);
    if (teamId) await tx`update stripe_events set team_id = ${teamId} where id = ${event.id}`;
    return { received: true as const, duplicate: false };
  });
}
