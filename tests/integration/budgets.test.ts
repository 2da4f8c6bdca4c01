import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { evaluateBudgets } from "@/lib/server/budgets/evaluate";
import { call } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat, type PairedAgent } from "../helpers/agent";
import { deliverNow, slackReceiver } from "../helpers/receiver";
import { addMember, createFleet, createUser, type TestUser } from "../factories";

// Budgets alert through the alert machinery: each threshold once a month, the forecast once while it
// holds, grouped, squelched and silenced like any alert, through the team's channels.
process.env.ALLOW_PRIVATE_WEBHOOKS = "1";

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
// Claude Haiku 4.5 at $1 per million input tokens: `usd` dollars of input, cumulative for the day.
const spend = (agent: PairedAgent, usd: number, day = isoDay(Date.now())) =>
  sendHeartbeat(agent, { usage: [], usageDaily: [{ day, provider: "anthropic", model: "claude-haiku-4-5", inputTokens: Math.round(usd * 1e6), outputTokens: 0, costUsd: 0, calls: 1, missingCostEntries: 1 }] });
const evaluate = async (teamId: string, now = new Date()) => (await db()).begin((tx) => evaluateBudgets(tx, { now, teamId }));
type BudgetBody = { budget: { id: string; ruleId: string; fired: string[]; month: { spentUsd: number; forecastUsd: number; percent: number } } };

describe("budgets", () => {
  let owner: TestUser;
  let agent: PairedAgent;
  let fleetId: string;
  let channelId: string;
  let slack: Awaited<ReturnType<typeof slackReceiver>>;
  const create = (body: Record<string, unknown>, user = owner) => call<BudgetBody>("POST", "/api/budgets", { cookie: user.cookie, body });

  beforeAll(async () => {
    owner = await createUser("budgets");
    slack = await slackReceiver();
    fleetId = (await createFleet(owner, "Spend")).id;
    agent = await pairAgent(owner, (await createAgent(owner, fleetId, { name: "prod-eu-2" })).id);
    const channel = await call<{ channel: { id: string } }>("POST", "/api/alerts/channels", { cookie: owner.cookie, body: { name: "#costs", type: "slack", config: { url: `${slack.url}/services/T/B/budget` } } });
    channelId = channel.body.channel.id;
  });
  afterAll(async () => slack.close());

  it("alerts each threshold once through the channel, thresholds crossed together as one notification", async () => {
    const res = await create({ name: "Team budget", amountUsd: 10, forecastAlert: false, channelIds: [channelId] });
    expect(res.status).toBe(201);
    const { id, ruleId } = res.body.budget;
    await spend(agent, 6); // 60 %
    expect(await evaluate(owner.teamId)).toMatchObject({ opened: 1 });
    await deliverNow(owner.teamId);
    expect(slack.hits).toHaveLength(1);
    expect(String(slack.hits[0]?.body.text)).toContain("Team budget: 50 % of the $10.00 monthly budget reached: $6.00 spent");
    expect(await evaluate(owner.teamId)).toMatchObject({ opened: 0 });
    await deliverNow(owner.teamId);
    expect(slack.hits).toHaveLength(1);

    await spend(agent, 10.5); // 105 %: 80 and 100 at once
    expect(await evaluate(owner.teamId)).toMatchObject({ opened: 2 });
    await deliverNow(owner.teamId);
    expect(slack.hits).toHaveLength(2);
    expect(String(slack.hits[1]?.body.text)).toContain("Team budget: 2 alerts");
    expect(String(slack.hits[1]?.body.text)).toMatch(/80 %.*100 %|100 %.*80 %/);
    expect(await evaluate(owner.teamId)).toMatchObject({ opened: 0 });

    const got = await call<BudgetBody>("GET", `/api/budgets/${id}`, { cookie: owner.cookie });
    expect(got.body.budget.fired.sort()).toEqual(["100", "50", "80"]);
    expect(got.body.budget.month).toMatchObject({ spentUsd: 10.5, percent: 105 });
    // The budget's rule is the budget's: not listed with the rules, not editable as one.
    const rules = await call<{ rules: { id: string }[] }>("GET", "/api/alerts/rules", { cookie: owner.cookie });
    expect(rules.body.rules.map((r) => r.id)).not.toContain(ruleId);
    expect((await call("DELETE", `/api/alerts/rules/${ruleId}`, { cookie: owner.cookie })).status).toBe(404);
    // A raised amount resolves what no longer holds; the marks stay spent for the month.
    const raised = await call<BudgetBody>("PATCH", `/api/budgets/${id}`, { cookie: owner.cookie, body: { amountUsd: 100 } });
    expect(raised.status).toBe(200);
    expect(await evaluate(owner.teamId)).toMatchObject({ resolved: 3, opened: 0 });
    expect((await call("DELETE", `/api/budgets/${id}`, { cookie: owner.cookie })).status).toBe(204);
    const sql = await db();
    expect(await sql`select 1 from alerts where rule_id = ${ruleId}`).toHaveLength(0);
    const actions = await sql<{ action: string }[]>`select action from audit_log where team_id = ${owner.teamId} and target_id = ${id} order by id`;
    expect(actions.map((a) => a.action)).toEqual(["budget.create", "budget.update", "budget.delete"]);
  });

  it("warns once when the forecast says the month will end over budget", async () => {
    const team = await createUser("forecast");
    const fleet = await createFleet(team, "F");
    const a = await pairAgent(team, (await createAgent(team, fleet.id)).id);
    const receiver = await slackReceiver();
    const ch = await call<{ channel: { id: string } }>("POST", "/api/alerts/channels", { cookie: team.cookie, body: { name: "c", type: "slack", config: { url: `${receiver.url}/f` } } });
    // The last day of a month has no day left to forecast: evaluate the day before then.
    const now = new Date();
    const lastDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
    const at = now.getUTCDate() === lastDay ? new Date(now.getTime() - DAY_MS) : now;
    const left = lastDay - at.getUTCDate();
    const spent = Math.round((110 / (1 + left / 7)) * 100) / 100; // forecast = spent × (1 + left / 7) = $110
    const res = await create({ name: "Fleet F", scope: { type: "fleet", id: fleet.id }, amountUsd: 100, thresholds: [], channelIds: [ch.body.channel.id] }, team);
    expect(res.status).toBe(201);
    await spend(a, spent, isoDay(at.getTime()));
    expect(await evaluate(team.teamId, at)).toMatchObject({ opened: 1 });
    await deliverNow(team.teamId);
    expect(receiver.hits).toHaveLength(1);
    expect(String(receiver.hits[0]?.body.text)).toMatch(/Forecast \$1(09\.9\d|10\.0\d) for \d{4}-\d{2} is over the \$100\.00 monthly budget/);
    expect(await evaluate(team.teamId, at)).toMatchObject({ opened: 0 });
    const list = await call<{ budgets: BudgetBody["budget"][] }>("GET", "/api/budgets", { cookie: team.cookie });
    expect(list.body.budgets).toHaveLength(1);
    await receiver.close();
  });

  it("respects the squelch: a second crossing within the window is recorded, not sent", async () => {
    const team = await createUser("squelch");
    const fleet = await createFleet(team, "S");
    const a = await pairAgent(team, (await createAgent(team, fleet.id)).id);
    const receiver = await slackReceiver();
    const ch = await call<{ channel: { id: string } }>("POST", "/api/alerts/channels", { cookie: team.cookie, body: { name: "c", type: "slack", config: { url: `${receiver.url}/s` } } });
    const res = await create({ name: "Agent A", scope: { type: "agent", id: a.id }, amountUsd: 10, thresholds: [50, 80], forecastAlert: false, squelchMinutes: 60, channelIds: [ch.body.channel.id] }, team);
    expect(res.status).toBe(201);
    await spend(a, 6);
    await evaluate(team.teamId);
    await deliverNow(team.teamId);
    expect(receiver.hits).toHaveLength(1);
    await spend(a, 9);
    expect(await evaluate(team.teamId)).toMatchObject({ opened: 1 });
    const tick = await deliverNow(team.teamId);
    expect(tick.queued.squelched).toBeGreaterThanOrEqual(1);
    expect(receiver.hits).toHaveLength(1);
    const alerts = await call<{ alerts: { detail: string }[] }>("GET", "/api/alerts?state=active", { cookie: team.cookie });
    expect(alerts.body.alerts.map((x) => x.detail.slice(0, 4)).sort()).toEqual(["50 %", "80 %"]);
    await receiver.close();
  });

  it("refuses bad amounts and thresholds (422), another team's scope or channel (404), and viewers (403)", async () => {
    for (const amountUsd of [-5, 0, 10_000_000.01, 1e12, 1.234, "12"]) {
      const res = await create({ name: "Bad", amountUsd });
      expect(res.status, String(amountUsd)).toBe(422);
      expect(JSON.stringify(res.body)).toContain("amountUsd");
    }
    for (const thresholds of [[0], [1001], [50, 50], [12.5]]) expect((await create({ name: "Bad", amountUsd: 5, thresholds })).status).toBe(422);
    expect((await create({ name: "Bad", amountUsd: 5, scope: { type: "fleet", id: null } })).status).toBe(422);
    expect((await create({ name: "Bad", amountUsd: 5, scope: { type: "team", id: fleetId } })).status).toBe(422);
    const other = await createUser("other");
    const theirFleet = await createFleet(other, "Theirs");
    const theirAgent = await createAgent(other, theirFleet.id);
    const theirChannel = await call<{ channel: { id: string } }>("POST", "/api/alerts/channels", { cookie: other.cookie, body: { name: "c", type: "slack", config: { url: "https://hooks.slack.com/services/T/B/x" } } });
    expect((await create({ name: "X", amountUsd: 5, scope: { type: "fleet", id: theirFleet.id } })).status).toBe(404);
    expect((await create({ name: "X", amountUsd: 5, scope: { type: "agent", id: theirAgent.id } })).status).toBe(404);
    expect((await create({ name: "X", amountUsd: 5, channelIds: [theirChannel.body.channel.id] })).status).toBe(404);
    const theirs = await create({ name: "Theirs", amountUsd: 5 }, other);
    expect((await call("GET", `/api/budgets/${theirs.body.budget.id}`, { cookie: owner.cookie })).status).toBe(404);
    expect((await call("PATCH", `/api/budgets/${theirs.body.budget.id}`, { cookie: owner.cookie, body: { amountUsd: 1 } })).status).toBe(404);
    const viewer = await addMember(owner.teamId, "viewer");
    expect((await create({ name: "V", amountUsd: 5 }, viewer)).status).toBe(403);
    expect((await call("GET", "/api/budgets", { cookie: viewer.cookie })).status).toBe(200);
    const mine = await create({ name: "Mine", amountUsd: 5 });
    for (const amountUsd of [-1, 0, 20_000_000]) expect((await call("PATCH", `/api/budgets/${mine.body.budget.id}`, { cookie: owner.cookie, body: { amountUsd } })).status).toBe(422);
  });
});
