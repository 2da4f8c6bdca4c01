import type { Env } from "@/lib/env";

// The plans and their limits, in one place. Services enforce them; the billing page shows them.
// Self-hosted (no Stripe keys) billing is off and every limit is unlimited.

export const PLAN_IDS = ["free", "team", "business"] as const;
export type PlanId = (typeof PLAN_IDS)[number];
export const PAID_PLANS = ["team", "business"] as const;
export type PaidPlanId = (typeof PAID_PLANS)[number];

export const LIMIT_NAMES = ["agents", "members", "historyRetentionDays", "alertChannels", "apiRequestsPerMinute"] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];
/** A maximum per limit; null is unlimited. */
export type Limits = Record<LimitName, number | null>;

export const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "canceled"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** How long a past-due subscription keeps its paid plan while Stripe retries the payment. */
export const PAST_DUE_GRACE_DAYS = 7;

export const LIMIT_LABELS: Record<LimitName, string> = {
  agents: "Agents",
  members: "Members",
  historyRetentionDays: "History retention (days)",
  alertChannels: "Alert channels",
  apiRequestsPerMinute: "API requests per minute",
};

export const PLANS: Record<PlanId, { name: string; limits: Record<LimitName, number> }> = {
  free: { name: "Free", limits: { agents: 5, members: 3, historyRetentionDays: 30, alertChannels: 2, apiRequestsPerMinute: 120 } },
  team: { name: "Team", limits: { agents: 50, members: 15, historyRetentionDays: 90, alertChannels: 20, apiRequestsPerMinute: 600 } },
  business: { name: "Business", limits: { agents: 500, members: 100, historyRetentionDays: 400, alertChannels: 100, apiRequestsPerMinute: 2400 } },
};

export const UNLIMITED: Limits = { agents: null, members: null, historyRetentionDays: null, alertChannels: null, apiRequestsPerMinute: null };

type BillingSettings = Pick<Env, "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_PRICE_TEAM" | "STRIPE_PRICE_BUSINESS">;

/** Billing is on only when both Stripe keys are set. */
export const billingEnabled = (settings: BillingSettings) => Boolean(settings.STRIPE_SECRET_KEY && settings.STRIPE_WEBHOOK_SECRET);

/** The Stripe price id of a paid plan, from the settings (undefined when not configured). */
export function priceFor(plan: PaidPlanId, settings: BillingSettings): string | undefined {
  return plan === "team" ? settings.STRIPE_PRICE_TEAM : settings.STRIPE_PRICE_BUSINESS;
}

/** The paid plan a Stripe price id stands for, if it is one of ours. */
export function planForPrice(priceId: string | undefined, settings: BillingSettings): PaidPlanId | undefined {
  if (!priceId) return undefined;
  return PAID_PLANS.find((plan) => priceFor(plan, settings) === priceId);
}

export type SubscriptionState = { plan: PlanId; status: SubscriptionStatus | null; pastDueSince: Date | null };

/** The plan a subscription grants now: active and trialing do, past due for a grace period, canceled falls back to free. */
export function effectivePlan(sub: SubscriptionState | null, now = new Date()): PlanId {
  if (!sub || sub.plan === "free") return "free";
  if (sub.status === "active" || sub.status === "trialing") return sub.plan;
  if (sub.status === "past_due") {
    const since = sub.pastDueSince?.getTime() ?? now.getTime();
    return now.getTime() - since < PAST_DUE_GRACE_DAYS * 86_400_000 ? sub.plan : "free";
  }
  return "free";
}

/** The limits in force: the plan's when billing is on, unlimited otherwise. */
export function limitsFor(plan: PlanId, enabled: boolean): Limits {
  return enabled ? { ...PLANS[plan].limits } : { ...UNLIMITED };
}

/** Stripe's subscription statuses as the four we keep; ones that grant nothing count as canceled. */
export function toSubscriptionStatus(stripeStatus: string): SubscriptionStatus {
  if (stripeStatus === "trialing" || stripeStatus === "active" || stripeStatus === "past_due") return stripeStatus;
  return "canceled";
}
