import { billingEnabled, LIMIT_LABELS, LIMIT_NAMES, PAID_PLANS, PLANS, priceFor, type Limits } from "@/lib/billing/plans";
import { stripe } from "@/lib/billing/stripe";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan, can } from "@/lib/auth/roles";
import { db, type Sql } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Billing, Invoice, LimitUsage } from "@/lib/schemas/billing";
import { countUsage } from "./limits";
import { teamPlan } from "./plan";

async function usageOf(sql: Sql, teamId: string, limits: Limits): Promise<LimitUsage[]> {
  const [team] = await sql<{ days: number }[]>`select heartbeat_retention_days as days from teams where id = ${teamId}`;
  const used = {
    agents: await countUsage(sql, teamId, "agents"),
    members: await countUsage(sql, teamId, "members"),
    historyRetentionDays: team?.days ?? null,
    alertChannels: await countUsage(sql, teamId, "alertChannels"),
    apiRequestsPerMinute: null,
  };
  return LIMIT_NAMES.map((limit) => ({ limit, label: LIMIT_LABELS[limit], max: limits[limit], used: used[limit] }));
}

/** The team's invoices from Stripe, newest first; null when Stripe does not answer (the rest of the page still shows). */
async function invoicesOf(customer: string): Promise<Invoice[] | null> {
  try {
    const list = await stripe().invoices.list({ customer, limit: 24 });
    return list.data.map((i) => ({
      id: i.id,
      number: i.number,
      status: i.status,
      amountDue: i.amount_due,
      amountPaid: i.amount_paid,
      currency: i.currency,
      createdAt: new Date(i.created * 1000).toISOString(),
      url: i.hosted_invoice_url ?? null,
    }));
  } catch (error) {
    console.error("[billing] listing invoices failed:", error instanceof Error ? error.message : error);
    return null;
  }
}

/** The team's plan, subscription, usage against each limit and (for owners, billing on) its invoices. */
export async function getBilling(ctx: TeamContext): Promise<Billing> {
  assertCan(ctx, "billing:read");
  const sql = await db();
  const { enabled, plan, limits, subscription: sub } = await teamPlan(sql, ctx.team.id);
  const canManage = enabled && can(ctx.role, "billing:manage");
  const customer = sub?.stripe_customer_id ?? null;
  return {
    enabled,
    plan,
    planName: PLANS[plan].name,
    subscribedPlan: sub?.status ? sub.plan : null,
    status: sub?.status ?? null,
    currentPeriodEnd: sub?.current_period_end?.toISOString() ?? null,
    pastDueSince: sub?.past_due_since?.toISOString() ?? null,
    canManage,
    hasCustomer: customer !== null,
    plansAvailable: billingEnabled(env()) ? PAID_PLANS.filter((p) => priceFor(p, env())) : [],
    usage: await usageOf(sql, ctx.team.id, limits),
    invoices: canManage ? (customer ? await invoicesOf(customer) : []) : null,
  };
}
