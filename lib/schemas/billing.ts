import { z } from "zod";
import { LIMIT_NAMES, PAID_PLANS, PLAN_IDS, SUBSCRIPTION_STATUSES } from "@/lib/billing/plans";

export const CheckoutInput = z.strictObject({
  plan: z.enum(PAID_PLANS).describe("The paid plan to subscribe to"),
});
export const RedirectResponse = z.object({ url: z.url().describe("Where to send the browser (Stripe Checkout or the Customer Portal)") });

export const LimitUsage = z
  .object({
    limit: z.enum(LIMIT_NAMES),
    label: z.string(),
    max: z.number().int().nullable().describe("null: unlimited"),
    used: z.number().int().nullable().describe("null: not a count (the API rate)"),
  })
  .meta({ id: "LimitUsage" });

export const Invoice = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    status: z.string().nullable(),
    amountDue: z.number().int().describe("In the currency's smallest unit"),
    amountPaid: z.number().int(),
    currency: z.string(),
    createdAt: z.string(),
    url: z.string().nullable().describe("Stripe's hosted invoice page"),
  })
  .meta({ id: "Invoice" });

export const Billing = z
  .object({
    enabled: z.boolean().describe("false: self-hosted, billing off and nothing limited"),
    plan: z.enum(PLAN_IDS).describe("The plan in force now"),
    planName: z.string(),
    subscribedPlan: z.enum(PLAN_IDS).nullable().describe("The plan of the Stripe subscription, in force or not"),
    status: z.enum(SUBSCRIPTION_STATUSES).nullable(),
    currentPeriodEnd: z.string().nullable(),
    pastDueSince: z.string().nullable(),
    canManage: z.boolean().describe("Whether the caller may change the plan (owners)"),
    hasCustomer: z.boolean().describe("Whether the team has a Stripe customer (the portal needs one)"),
    plansAvailable: z.array(z.enum(PAID_PLANS)).describe("Paid plans with a price configured"),
    usage: z.array(LimitUsage),
    invoices: z.array(Invoice).nullable().describe("Owners only, when billing is on; null otherwise or when Stripe did not answer"),
  })
  .meta({ id: "Billing" });
export const BillingResponse = z.object({ billing: Billing });
export const WebhookResponse = z.object({ received: z.literal(true), duplicate: z.boolean() });

export type CheckoutInput = z.infer<typeof CheckoutInput>;
export type Billing = z.infer<typeof Billing>;
export type Invoice = z.infer<typeof Invoice>;
export type LimitUsage = z.infer<typeof LimitUsage>;
