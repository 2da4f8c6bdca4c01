import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { addMember, createFleet, createUser, type TestUser } from "../factories";
import { call } from "../helpers/api";
import { snapshot } from "../helpers/snapshot";
import { checkoutSession, failedInvoice, signEvent, subscription, type SignedEvent } from "../helpers/stripe-events";
import { startStripeStandIn, type StripeStandIn } from "../helpers/stripe-stand-in";

// Checkout and the portal against the Stripe stand-in, and the webhook with events signed by the
// `stripe` library: a subscription through trialing → active → past due → canceled.

const KEY = "sk_test_webhook123";
const SECRET = "whsec_webhook456";
let standIn: StripeStandIn;

beforeAll(async () => {
  standIn = await startStripeStandIn(KEY);
  vi.stubEnv("STRIPE_SECRET_KEY", KEY);
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", SECRET);
  vi.stubEnv("STRIPE_PRICE_TEAM", "price_team");
  vi.stubEnv("STRIPE_PRICE_BUSINESS", "price_business");
  vi.stubEnv("STRIPE_API_BASE", standIn.url);
  resetEnv();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  resetEnv();
  await standIn.close();
});

type BillingView = { plan: string; status: string | null; subscribedPlan: string | null; usage: { limit: string; max: number | null }[]; invoices: unknown[] | null };
const post = (e: SignedEvent) => call<{ received?: boolean; duplicate?: boolean }>("POST", "/api/billing/webhook", { rawBody: e.rawBody, headers: { "stripe-signature": e.signature } });
const view = async (user: TestUser) => (await call<{ billing: BillingView }>("GET", "/api/billing", { cookie: user.cookie })).body.billing;
const maxAgents = (b: BillingView) => b.usage.find((u) => u.limit === "agents")?.max;
const row = async (teamId: string) => (await (await db())`select plan, status, stripe_customer_id, stripe_subscription_id from billing_subscriptions where team_id = ${teamId}`)[0];

describe("billing with Stripe", () => {
  let owner: TestUser;
  let other: TestUser;
  let customer = "";
  const sub = "sub_lifecycle1";
  const send = (type: string, object: Record<string, unknown>) => post(signEvent(SECRET, type, object));
  const subEvent = (status: string, type = "customer.subscription.updated") =>
    send(type, subscription({ id: sub, customer, status, price: "price_team", teamId: owner.teamId, plan: "team" }));

  beforeAll(async () => {
    owner = await createUser("payer");
    other = await createUser("bystander");
  });

  it("starts Checkout for the owner through the documented protocol; viewers and maintainers are refused", async () => {
    const viewer = await addMember(owner.teamId, "viewer");
    const maintainer = await addMember(owner.teamId, "maintainer");
    for (const who of [viewer, maintainer]) {
      const res = await call("POST", "/api/billing/checkout", { cookie: who.cookie, body: { plan: "team" } });
      expect(res).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    }
    expect(standIn.requests).toEqual([]);
    const res = await call<{ url: string }>("POST", "/api/billing/checkout", { cookie: owner.cookie, body: { plan: "team" } });
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    const [created, session] = standIn.requests;
    expect(created).toMatchObject({ method: "POST", path: "/v1/customers", form: { "metadata[team_id]": owner.teamId } });
    expect(session).toMatchObject({
      path: "/v1/checkout/sessions",
      form: { mode: "subscription", client_reference_id: owner.teamId, "line_items[0][price]": "price_team", "line_items[0][quantity]": "1", "subscription_data[metadata][plan]": "team" },
    });
    customer = String((await row(owner.teamId))?.stripe_customer_id);
    expect(customer).toMatch(/^cus_/);
    expect(session?.form.customer).toBe(customer);
    expect((await call("POST", "/api/billing/checkout", { cookie: owner.cookie, body: { plan: "gold" } })).status).toBe(422);
  });

  it("moves the subscription through trialing, active, past due and canceled; a downgrade deletes nothing", async () => {
    expect(await send("checkout.session.completed", checkoutSession({ teamId: owner.teamId, customer, subscription: sub, plan: "team" }))).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
    await subEvent("trialing", "customer.subscription.created");
    expect(await view(owner)).toMatchObject({ plan: "team", status: "trialing" });
    await subEvent("active");
    expect(maxAgents(await view(owner))).toBe(50);

    const fleet = await createFleet(owner, "Paid");
    for (let i = 0; i < 7; i++) expect((await call("POST", "/api/agents", { cookie: owner.cookie, body: { fleetId: fleet.id, name: `a${i}` } })).status).toBe(201);
    expect((await call("PATCH", `/api/teams/${owner.teamId}`, { cookie: owner.cookie, body: { heartbeatRetentionDays: 90 } })).status).toBe(200);

    await send("invoice.payment_failed", failedInvoice({ customer, subscription: sub }));
    expect(await view(owner)).toMatchObject({ plan: "team", status: "past_due" });
    await subEvent("past_due");
    expect(await view(owner)).toMatchObject({ plan: "team", status: "past_due" });

    await subEvent("canceled", "customer.subscription.deleted");
    const after = await view(owner);
    expect(after).toMatchObject({ plan: "free", status: "canceled", subscribedPlan: "team" });
    expect(maxAgents(after)).toBe(5);
    const [kept] = await (await db())<{ agents: number; days: number }[]>`
      select (select count(*)::int from agents where team_id = ${owner.teamId}) as agents, heartbeat_retention_days as days from teams where id = ${owner.teamId}`;
    expect(kept).toEqual({ agents: 7, days: 90 });
    const refused = await call("POST", "/api/agents", { cookie: owner.cookie, body: { fleetId: fleet.id, name: "eighth" } });
    expect(refused.body).toMatchObject({ error: { code: "plan_limit", details: { limit: "agents", max: 5, current: 7 } } });
    expect((await call("PATCH", `/api/teams/${owner.teamId}`, { cookie: owner.cookie, body: { heartbeatRetentionDays: 60 } })).status).toBe(200);

    const audit = await (await db())<{ action: string; actor_type: string }[]>`
      select action, actor_type from audit_log where team_id = ${owner.teamId} and action like 'billing.%' order by id`;
    expect(audit.map((a) => a.action)).toEqual(["billing.checkout", "billing.checkout_completed", "billing.subscription", "billing.subscription", "billing.payment_failed", "billing.subscription", "billing.subscription"]);
    expect(audit.slice(1).every((a) => a.actor_type === "system")).toBe(true);
  });

  it("refuses a bad signature, a tampered body, a stale timestamp and no signature: 401, nothing changed", async () => {
    const teams = [owner.teamId, other.teamId];
    const before = await snapshot(teams, [owner.id, other.id]);
    const active = () => subscription({ id: sub, customer, status: "active", price: "price_business", teamId: owner.teamId });
    const forged = signEvent("whsec_not_the_secret", "customer.subscription.updated", active());
    const good = signEvent(SECRET, "customer.subscription.updated", active());
    const stale = signEvent(SECRET, "customer.subscription.updated", active(), { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const attempts = [forged, { ...good, rawBody: good.rawBody.replace("price_business", "price_team") }, stale, { ...good, signature: "" }];
    for (const attempt of attempts) {
      const res = await post(attempt);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: "unauthorized", message: expect.any(String) } });
    }
    const [seen] = await (await db())`select count(*)::int as n from stripe_events where id = any(${[forged.id, good.id, stale.id]})`;
    expect(seen?.n).toBe(0);
    expect(await snapshot(teams, [owner.id, other.id])).toBe(before);
  });

  it("applies an event id once: a replay answers 200 and changes nothing", async () => {
    const again = signEvent(SECRET, "customer.subscription.updated", subscription({ id: sub, customer, status: "active", price: "price_business", teamId: owner.teamId }));
    expect((await post(again)).body).toEqual({ received: true, duplicate: false });
    expect(await view(owner)).toMatchObject({ plan: "business", status: "active" });
    const before = await snapshot([owner.teamId], [owner.id]);
    expect((await post(again)).body).toEqual({ received: true, duplicate: true });
    const replay = signEvent(SECRET, "customer.subscription.deleted", subscription({ id: sub, customer, status: "canceled", price: "price_team", teamId: owner.teamId }), { id: again.id });
    expect((await post(replay)).body).toEqual({ received: true, duplicate: true });
    expect(await snapshot([owner.teamId], [owner.id])).toBe(before);
  });

  it("ignores an event older than the one applied", async () => {
    const old = signEvent(SECRET, "customer.subscription.updated", subscription({ id: sub, customer, status: "past_due", price: "price_team", teamId: owner.teamId }), { created: Math.floor(Date.now() / 1000) - 600 });
    expect((await post(old)).status).toBe(200);
    expect(await view(owner)).toMatchObject({ plan: "business", status: "active" });
  });

  it("shows the owner's invoices and opens the portal; another team sees none of it", async () => {
    standIn.invoices.set(customer, [{ id: "in_1", object: "invoice", number: "F-0001", status: "paid", amount_due: 4900, amount_paid: 4900, currency: "usd", created: 1_790_000_000, hosted_invoice_url: "https://invoice.stripe.test/i/1" }]);
    expect((await view(owner)).invoices).toEqual([{ id: "in_1", number: "F-0001", status: "paid", amountDue: 4900, amountPaid: 4900, currency: "usd", createdAt: new Date(1_790_000_000_000).toISOString(), url: "https://invoice.stripe.test/i/1" }]);
    const portal = await call<{ url: string }>("POST", "/api/billing/portal", { cookie: owner.cookie });
    expect(portal.status).toBe(200);
    expect(standIn.requests.at(-1)).toMatchObject({ path: "/v1/billing_portal/sessions", form: { customer } });

    expect(await view(other)).toMatchObject({ plan: "free", status: null, invoices: [] });
    expect((await call("POST", "/api/billing/portal", { cookie: other.cookie })).status).toBe(409);
    expect((await call("GET", "/api/billing", { cookie: other.cookie, teamId: owner.teamId })).status).toBe(404);
    const viewer = await addMember(owner.teamId, "viewer", "reader");
    expect((await view(viewer)).invoices).toBeNull();
    expect((await call("POST", "/api/billing/portal", { cookie: viewer.cookie })).status).toBe(403);
  });

  it("answers 401 without credentials", async () => {
    for (const [method, path] of [["GET", "/api/billing"], ["POST", "/api/billing/checkout"], ["POST", "/api/billing/portal"]] as const) {
      expect((await call(method, path, { body: method === "POST" ? { plan: "team" } : undefined })).status).toBe(401);
    }
  });
});
