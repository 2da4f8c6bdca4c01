import { AppError } from "@/lib/api/errors";
import { callStripe, stripe } from "@/lib/billing/stripe";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { audit } from "../audit/record";
import { readSubscription } from "./plan";

/** Opens Stripe's Customer Portal for the team (owners): payment methods, plan changes, cancelling, invoices. */
export async function openPortal(ctx: TeamContext, origin: string): Promise<{ url: string }> {
  assertCan(ctx, "billing:manage");
  const client = stripe();
  const sql = await db();
  const customer = (await readSubscription(sql, ctx.team.id))?.stripe_customer_id;
  if (!customer) throw new AppError("conflict", "The team has no billing account yet; choose a plan first");
  const session = await callStripe("customer portal", () => client.billingPortal.sessions.create({ customer, return_url: `${origin}/billing` }));
  await sql.begin(async (tx) => {
    await audit(tx, ctx, { action: "billing.portal", targetType: "team", targetId: ctx.team.id, after: { session: session.id } });
  });
  return { url: session.url };
}
