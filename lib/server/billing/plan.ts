import { billingEnabled, effectivePlan, limitsFor, type Limits, type PlanId, type SubscriptionStatus } from "@/lib/billing/plans";
import type { Sql, Tx } from "@/lib/db/client";
import { env } from "@/lib/env";

export type SubscriptionRow = {
  plan: PlanId;
  status: SubscriptionStatus | null;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  current_period_end: Date | null;
  past_due_since: Date | null;
};

export type TeamPlan = { enabled: boolean; plan: PlanId; limits: Limits; subscription: SubscriptionRow | null };

/** The team's subscription row, if it ever had one. */
export async function readSubscription(sql: Sql | Tx, teamId: string): Promise<SubscriptionRow | null> {
  const [row] = await sql<SubscriptionRow[]>`
    select plan, status, stripe_customer_id, stripe_subscription_id, current_period_end, past_due_since
    from billing_subscriptions where team_id = ${teamId}`;
  return row ?? null;
}

/** The plan in force for a team and its limits (unlimited, without a query, when billing is off). */
export async function teamPlan(sql: Sql | Tx, teamId: string): Promise<TeamPlan> {
  const enabled = billingEnabled(env());
  if (!enabled) return { enabled, plan: "free", limits: limitsFor("free", false), subscription: null };
  const subscription = await readSubscription(sql, teamId);
  const plan = effectivePlan(subscription && { plan: subscription.plan, status: subscription.status, pastDueSince: subscription.past_due_since });
  return { enabled, plan, limits: limitsFor(plan, true), subscription };
}
