import type Stripe from "stripe";
import { PAID_PLANS, planForPrice, toSubscriptionStatus, type PaidPlanId, type SubscriptionStatus } from "@/lib/billing/plans";
import type { Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { auditSystem } from "../audit/record";

type Stored = { plan: string; status: SubscriptionStatus | null; stripe_subscription_id: string | null; last_event_at: Date | null; past_due_since: Date | null };
const LIVE: ReadonlySet<string> = new Set(["trialing", "active", "past_due"]);
const STRIPE = "Stripe";

const paidPlan = (value: string | undefined): PaidPlanId | undefined => PAID_PLANS.find((p) => p === value);

async function lockRow(tx: Tx, teamId: string): Promise<Stored | undefined> {
  await tx`insert into billing_subscriptions (team_id) values (${teamId}) on conflict (team_id) do nothing`;
  const [row] = await tx<Stored[]>`
    select plan, status, stripe_subscription_id, last_event_at, past_due_since from billing_subscriptions where team_id = ${teamId} for update`;
  return row;
}

const summary = (row: Pick<Stored, "plan" | "status"> | undefined) => ({ plan: row?.plan ?? "free", status: row?.status ?? null });

/** checkout.session.completed: the team's customer and subscription ids (and the plan chosen). */
export async function linkCheckout(tx: Tx, teamId: string, eventId: string, s: { customer: string | null; subscription: string | null; plan?: string }) {
  const before = await lockRow(tx, teamId);
  const plan = paidPlan(s.plan);
  await tx`
    update billing_subscriptions set stripe_customer_id = coalesce(${s.customer}, stripe_customer_id),
      stripe_subscription_id = coalesce(${s.subscription}, stripe_subscription_id),
      plan = case when status is null and ${plan ?? null}::text is not null then ${plan ?? "free"} else plan end, updated_at = now()
    where team_id = ${teamId}`;
  await auditSystem(tx, teamId, STRIPE, { action: "billing.checkout_completed", targetType: "team", targetId: teamId, before: summary(before), after: { ...s, event: eventId } });
}

/** customer.subscription.*: the subscription's plan, status and period, unless an event newer than this one was applied already. */
export async function applySubscription(tx: Tx, teamId: string, event: Stripe.Event, sub: Stripe.Subscription) {
  const before = await lockRow(tx, teamId);
  const at = new Date(event.created * 1000);
  const status: SubscriptionStatus = event.type === "customer.subscription.deleted" ? "canceled" : toSubscriptionStatus(sub.status);
  if (before?.last_event_at && before.last_event_at > at) return;
  // An old subscription's news never overrides the one in force (a team that subscribed again).
  const other = before?.stripe_subscription_id && before.stripe_subscription_id !== sub.id;
  if (other && before?.status && LIVE.has(before.status) && !LIVE.has(status)) return;
  const item = sub.items.data[0];
  const plan = planForPrice(item?.price.id, env()) ?? paidPlan(sub.metadata?.team_id === teamId ? sub.metadata.plan : undefined) ?? before?.plan ?? "free";
  const periodEnd = item?.current_period_end ? new Date(item.current_period_end * 1000) : null;
  const pastDueSince = status === "past_due" ? (before?.status === "past_due" && before.past_due_since ? before.past_due_since : at) : null;
  const customer = typeof sub.customer === "string" ? sub.customer : sub.customer.id;
  await tx`
    update billing_subscriptions set stripe_subscription_id = ${sub.id}, stripe_customer_id = coalesce(stripe_customer_id, ${customer}),
      plan = ${plan}, status = ${status}, current_period_end = ${periodEnd}, past_due_since = ${pastDueSince},
      last_event_at = ${at}, updated_at = now()
    where team_id = ${teamId}`;
  await auditSystem(tx, teamId, STRIPE, {
    action: "billing.subscription",
    targetType: "team",
    targetId: teamId,
    before: summary(before),
    after: { plan, status, subscription: sub.id, event: event.id },
  });
}

/** invoice.payment_failed: a paying subscription becomes past due now (its grace period starts). */
export async function applyInvoiceFailed(tx: Tx, teamId: string, eventId: string, subscription: string | null) {
  const before = await lockRow(tx, teamId);
  if (!before?.status || !LIVE.has(before.status) || before.status === "past_due") return;
  if (subscription && before.stripe_subscription_id && subscription !== before.stripe_subscription_id) return;
  await tx`update billing_subscriptions set status = 'past_due', past_due_since = now(), updated_at = now() where team_id = ${teamId}`;
  await auditSystem(tx, teamId, STRIPE, { action: "billing.payment_failed", targetType: "team", targetId: teamId, before: summary(before), after: { ...summary(before), status: "past_due", event: eventId } });
}
