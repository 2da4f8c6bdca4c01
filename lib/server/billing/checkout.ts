import { AppError } from "@/lib/api/errors";
import { PLANS, priceFor } from "@/lib/billing/plans";
import { callStripe, stripe } from "@/lib/billing/stripe";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { CheckoutInput } from "@/lib/schemas/billing";
import { audit } from "../audit/record";
import { readSubscription } from "./plan";

const LIVE = new Set(["trialing", "active", "past_due"]);

/** Keeps the team's Stripe customer id (the first one stored wins if two requests raced). */
export async function storeCustomer(tx: Tx, teamId: string, customerId: string): Promise<void> {
  await tx`
    insert into billing_subscriptions (team_id, stripe_customer_id) values (${teamId}, ${customerId})
    on conflict (team_id) do update set stripe_customer_id = coalesce(billing_subscriptions.stripe_customer_id, excluded.stripe_customer_id), updated_at = now()`;
}

/** Starts Stripe Checkout for a paid plan (owners); answers the page to send the browser to. */
export async function startCheckout(ctx: TeamContext, input: CheckoutInput, origin: string): Promise<{ url: string }> {
  assertCan(ctx, "billing:manage");
  const client = stripe();
  const price = priceFor(input.plan, env());
  if (!price) throw new AppError("conflict", `The ${PLANS[input.plan].name} plan has no Stripe price configured on this server`);
  const sql = await db();
  const current = await readSubscription(sql, ctx.team.id);
  if (current?.stripe_subscription_id && current.status && LIVE.has(current.status)) {
    throw new AppError("conflict", "The team already has a subscription; change or cancel it with Manage billing");
  }
  const customer =
    current?.stripe_customer_id ??
    (await callStripe("customer creation", () => client.customers.create({ name: ctx.team.name, email: ctx.user.email, metadata: { team_id: ctx.team.id } }))).id;
  const metadata = { team_id: ctx.team.id, plan: input.plan };
  const session = await callStripe("checkout session", () =>
    client.checkout.sessions.create({
      mode: "subscription",
      customer,
      client_reference_id: ctx.team.id,
      line_items: [{ price, quantity: 1 }],
      success_url: `${origin}/billing?checkout=done`,
      cancel_url: `${origin}/billing?checkout=canceled`,
      metadata,
      subscription_data: { metadata },
    }),
  );
  if (!session.url) throw new AppError("internal", "The payment provider answered without a checkout page");
  await sql.begin(async (tx) => {
    await storeCustomer(tx, ctx.team.id, customer);
    await audit(tx, ctx, { action: "billing.checkout", targetType: "team", targetId: ctx.team.id, after: { plan: input.plan, session: session.id } });
  });
  return { url: session.url };
}
