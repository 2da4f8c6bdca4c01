import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { addMember, createFleet, createUser, type TestUser } from "../factories";
import { call } from "../helpers/api";
import { snapshot } from "../helpers/snapshot";
import { startStripeStandIn, type StripeStandIn } from "../helpers/stripe-stand-in";

// Plan limits with billing on (Stripe keys set, the client pointed at a local stand-in) and off.
// The webhook path is in billing-webhook.test.ts.

const KEY = "sk_test_limits123";
let standIn: StripeStandIn;

function billing(on: boolean) {
  vi.stubEnv("STRIPE_SECRET_KEY", on ? KEY : "");
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", on ? "whsec_limits456" : "");
  vi.stubEnv("STRIPE_PRICE_TEAM", "price_team");
  vi.stubEnv("STRIPE_PRICE_BUSINESS", "price_business");
  vi.stubEnv("STRIPE_API_BASE", standIn.url);
  resetEnv();
}

beforeAll(async () => {
  standIn = await startStripeStandIn(KEY);
});
beforeEach(() => billing(true));
afterAll(async () => {
  vi.unstubAllEnvs();
  resetEnv();
  await standIn.close();
});

const channel = (name: string) => ({ name, type: "slack", config: { url: "https://hooks.slack.com/services/T1/B1/x" } });
const expectPlanLimit = (res: { status: number; body: unknown }, limit: string, max: number, current: number) => {
  expect(res.status).toBe(402);
  expect(res.body).toMatchObject({ error: { code: "plan_limit", message: expect.any(String), details: { limit, plan: "free", max, current } } });
};

async function agents(user: TestUser, fleetId: string, n: number) {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await call("POST", "/api/agents", { cookie: user.cookie, body: { fleetId, name: `gw-${i}` } })).status);
  return statuses;
}

describe("plan limits, billing on (free plan)", () => {
  it("refuses the sixth agent with 402 plan_limit naming the limit, and changes nothing", async () => {
    const owner = await createUser("agents");
    const fleet = await createFleet(owner, "F");
    expect(await agents(owner, fleet.id, 5)).toEqual([201, 201, 201, 201, 201]);
    const before = await snapshot([owner.teamId], [owner.id]);
    const res = await call<{ error: { message: string } }>("POST", "/api/agents", { cookie: owner.cookie, body: { fleetId: fleet.id, name: "one too many" } });
    expectPlanLimit(res, "agents", 5, 5);
    expect(res.body.error.message).toMatch(/Free plan allows 5 agents/);
    expect(await snapshot([owner.teamId], [owner.id])).toBe(before);
  });

  it("counts pending invitations when inviting and members when accepting", async () => {
    const owner = await createUser("members");
    const invitee = await createUser("invitee");
    const invite = (email: string) => call<{ invitation: { url: string } }>("POST", `/api/teams/${owner.teamId}/invitations`, { cookie: owner.cookie, body: { email, role: "viewer" } });
    const first = await invite(invitee.email);
    expect(first.status).toBe(201);
    expect((await invite("second@example.test")).status).toBe(201);
    expectPlanLimit(await invite("third@example.test"), "members", 3, 3);
    await addMember(owner.teamId, "viewer");
    await addMember(owner.teamId, "viewer");
    const token = first.body.invitation.url.split("/").pop();
    expectPlanLimit(await call("POST", "/api/invitations/accept", { cookie: invitee.cookie, body: { token } }), "members", 3, 3);
    const members = await call<{ members: unknown[] }>("GET", `/api/teams/${owner.teamId}/members`, { cookie: owner.cookie });
    expect(members.body.members).toHaveLength(3);
  });

  it("refuses a third alert channel", async () => {
    const owner = await createUser("channels");
    for (const name of ["a", "b"]) expect((await call("POST", "/api/alerts/channels", { cookie: owner.cookie, body: channel(name) })).status).toBe(201);
    expectPlanLimit(await call("POST", "/api/alerts/channels", { cookie: owner.cookie, body: channel("c") }), "alertChannels", 2, 2);
  });

  it("refuses raising history retention above the plan's maximum, allows up to it and lowering", async () => {
    const owner = await createUser("retention");
    const patch = (days: number) => call("PATCH", `/api/teams/${owner.teamId}`, { cookie: owner.cookie, body: { heartbeatRetentionDays: days } });
    const refused = await patch(31);
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({ error: { code: "plan_limit", details: { limit: "historyRetentionDays", max: 30, current: 30, requested: 31 } } });
    expect((await patch(7)).status).toBe(200);
    expect((await patch(30)).status).toBe(200);
  });

  it("limits the team's API requests per minute (402 with Retry-After), and not at all with billing off", async () => {
    const owner = await createUser("rate");
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++) statuses.push((await call("GET", "/api/fleets", { cookie: owner.cookie })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const over = await call("GET", "/api/fleets", { cookie: owner.cookie });
    expect(over.status).toBe(402);
    expect(over.body).toMatchObject({ error: { code: "plan_limit", details: { limit: "apiRequestsPerMinute", max: 120 } } });
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    billing(false);
    expect((await call("GET", "/api/fleets", { cookie: owner.cookie })).status).toBe(200);
  });

  it("shows usage against each limit", async () => {
    const owner = await createUser("usage");
    const fleet = await createFleet(owner, "F");
    await agents(owner, fleet.id, 2);
    const res = await call<{ billing: { enabled: boolean; plan: string; usage: { limit: string; max: number | null; used: number | null }[] } }>("GET", "/api/billing", { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.body.billing).toMatchObject({ enabled: true, plan: "free", status: null, invoices: [] });
    expect(res.body.billing.usage).toEqual([
      { limit: "agents", label: "Agents", max: 5, used: 2 },
      { limit: "members", label: "Members", max: 3, used: 1 },
      { limit: "historyRetentionDays", label: "History retention (days)", max: 30, used: 30 },
      { limit: "alertChannels", label: "Alert channels", max: 2, used: 0 },
      { limit: "apiRequestsPerMinute", label: "API requests per minute", max: 120, used: null },
    ]);
  });
});

describe("billing off (self-hosted)", () => {
  it("limits nothing, says billing is off, and refuses checkout, portal and webhooks", async () => {
    billing(false);
    const owner = await createUser("selfhosted");
    const fleet = await createFleet(owner, "F");
    expect(await agents(owner, fleet.id, 7)).toEqual(Array(7).fill(201));
    for (const name of ["a", "b", "c"]) expect((await call("POST", "/api/alerts/channels", { cookie: owner.cookie, body: channel(name) })).status).toBe(201);
    for (const email of ["a@example.test", "b@example.test", "c@example.test"]) {
      expect((await call("POST", `/api/teams/${owner.teamId}/invitations`, { cookie: owner.cookie, body: { email, role: "viewer" } })).status).toBe(201);
    }
    expect((await call("PATCH", `/api/teams/${owner.teamId}`, { cookie: owner.cookie, body: { heartbeatRetentionDays: 400 } })).status).toBe(200);
    const res = await call<{ billing: { enabled: boolean; usage: { max: number | null }[]; invoices: unknown } }>("GET", "/api/billing", { cookie: owner.cookie });
    expect(res.body.billing.enabled).toBe(false);
    expect(res.body.billing.usage.map((u) => u.max)).toEqual([null, null, null, null, null]);
    expect(res.body.billing.invoices).toBeNull();
    const seen = standIn.requests.length;
    expect(await call("POST", "/api/billing/checkout", { cookie: owner.cookie, body: { plan: "team" } })).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    expect(await call("POST", "/api/billing/portal", { cookie: owner.cookie })).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    expect(await call("POST", "/api/billing/webhook", { rawBody: "{}", headers: { "stripe-signature": "t=1,v1=00" } })).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(standIn.requests.length).toBe(seen);
    const [row] = await (await db())<{ n: number }[]>`select count(*)::int as n from billing_subscriptions where team_id = ${owner.teamId}`;
    expect(row?.n).toBe(0);
  });
});
