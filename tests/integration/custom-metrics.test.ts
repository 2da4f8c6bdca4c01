import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runJob } from "@/lib/server/jobs/run-job";
import { call } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat, type PairedAgent } from "../helpers/agent";
import { createFleet, createUser, type TestUser } from "../factories";

// Custom metrics as plugins report them: the reports on the agent, the charted series, and alert rules on them.

type Series = { key: string; points: { t: string; samples: number; avg: number; max: number }[] };
type CustomMetrics = { from: string; to: string; bucketS: number; series: Series[]; omittedKeys: number };

const REPORTS = [
  { name: "queue.py", ok: true, durationMs: 41.5 },
  { name: "db.sh", ok: false, error: "exit code 1: connection refused", durationMs: 12 },
];

describe("plugin reports", () => {
  it("are stored with the agent's latest state and returned on its page, not in lists", async () => {
    const owner = await createUser();
    const fleet = await createFleet(owner, "Plugins");
    const agent = await pairAgent(owner, (await createAgent(owner, fleet.id)).id);
    const read = async () => (await call<{ agent: { plugins?: unknown } }>("GET", `/api/agents/${agent.id}`, { cookie: owner.cookie })).body.agent;
    expect((await read()).plugins).toBeNull();
    expect((await sendHeartbeat(agent, { custom: { queue_length: 12 }, plugins: REPORTS })).status).toBe(200);
    expect((await read()).plugins).toEqual(REPORTS);
    const list = await call<{ agents: Record<string, unknown>[] }>("GET", `/api/agents?fleetId=${fleet.id}`, { cookie: owner.cookie });
    expect(list.body.agents[0]).not.toHaveProperty("plugins");
    // The latest heartbeat is the truth: an agent with no plugins left reports none.
    await sendHeartbeat(agent);
    expect((await read()).plugins).toBeNull();
  });

  it("refuses malformed reports in a heartbeat and writes nothing", async () => {
    const owner = await createUser();
    const agent = await pairAgent(owner, (await createAgent(owner, (await createFleet(owner, "Bad plugins")).id)).id);
    const bad = [
      Array.from({ length: 51 }, (_, i) => ({ name: `p${i}`, ok: true, durationMs: 1 })),
      [{ name: "quéue", ok: true, durationMs: 1 }],
      [{ name: "", ok: true, durationMs: 1 }],
      [{ name: "q", ok: "yes", durationMs: 1 }],
      [{ name: "q", ok: false, error: "x".repeat(501), durationMs: 1 }],
      [{ name: "q", ok: true, durationMs: -1 }],
      [{ name: "q", ok: true, durationMs: 1, pid: 4 }],
      { name: "q", ok: true, durationMs: 1 },
    ];
    for (const plugins of bad) {
      const res = await sendHeartbeat(agent, { plugins });
      expect(res.status, JSON.stringify(plugins).slice(0, 80)).toBe(422);
      agent.seq -= 1;
    }
    const sql = await db();
    expect(await sql`select 1 from heartbeats where agent_id = ${agent.id}`).toHaveLength(0);
  });
});

describe("GET /api/agents/{id}/custom-metrics", () => {
  let owner: TestUser;
  let other: TestUser;
  let agent: PairedAgent;
  const t0 = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000);
  const at = (s: number) => new Date(t0.getTime() + s * 1000).toISOString();
  const get = (query: string, cookie = owner.cookie, id = agent.id) => call<{ customMetrics: CustomMetrics }>("GET", `/api/agents/${id}/custom-metrics?${query}`, { cookie });

  beforeAll(async () => {
    owner = await createUser();
    other = await createUser("other");
    agent = await pairAgent(owner, (await createAgent(owner, (await createFleet(owner, "Charts")).id)).id);
    const sql = await db();
    const row = (s: number, custom: Record<string, number | string | boolean> | null) =>
      sql`insert into heartbeats (team_id, agent_id, received_at, seq, status, custom) values (${owner.teamId}, ${agent.id}, ${at(s)}, ${s}, 'ok', ${custom === null ? null : JSON.stringify(custom)}::text::jsonb)`;
    await row(10, { queue_length: 10, mode: "primary", healthy: true });
    await row(20, { queue_length: 20, db_connections: 40 });
    await row(70, { queue_length: 30 });
    await row(130, { queue_length: 5, db_connections: 44.5 });
    await row(140, null);
    // Later, 25 numeric keys: five of them in two heartbeats.
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${String(i).padStart(2, "0")}`, i]));
    await row(1_300, many);
    await row(1_310, Object.fromEntries(Object.entries(many).slice(0, 5)));
  });

  it("answers the numeric keys of the window, averaged and peaked per bucket in SQL", async () => {
    const res = await get(`from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(600))}&points=10`);
    expect(res.status).toBe(200);
    expect(res.body.customMetrics).toEqual({
      from: at(0), to: at(600), bucketS: 60, omittedKeys: 0,
      series: [
        { key: "db_connections", points: [{ t: at(0), samples: 1, avg: 40, max: 40 }, { t: at(120), samples: 1, avg: 44.5, max: 44.5 }] },
        { key: "queue_length", points: [{ t: at(0), samples: 2, avg: 15, max: 20 }, { t: at(60), samples: 1, avg: 30, max: 30 }, { t: at(120), samples: 1, avg: 5, max: 5 }] },
      ],
    });
    const wide = await get(`from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(600))}&points=1000`);
    expect(wide.body.customMetrics.bucketS).toBe(1);
    expect(wide.body.customMetrics.series.find((s) => s.key === "queue_length")?.points).toHaveLength(4);
  });

  it("charts at most 20 keys, those seen most, and counts the rest", async () => {
    const res = await get(`from=${encodeURIComponent(at(1_200))}&to=${encodeURIComponent(at(1_800))}`);
    const keys = res.body.customMetrics.series.map((s) => s.key);
    expect(keys).toEqual(Array.from({ length: 20 }, (_, i) => `k${String(i).padStart(2, "0")}`));
    expect(res.body.customMetrics.omittedKeys).toBe(5);
  });

  it("includes what heartbeats carry, and answers an empty window with no series", async () => {
    await sendHeartbeat(agent, { custom: { queue_length: 7, note: "ok" } });
    const recent = await get(`from=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`);
    expect(recent.body.customMetrics.series).toEqual([{ key: "queue_length", points: [expect.objectContaining({ samples: 1, avg: 7, max: 7 })] }]);
    const empty = await get(`from=${encodeURIComponent(at(-7_200))}&to=${encodeURIComponent(at(-3_600))}`);
    expect(empty.body.customMetrics).toMatchObject({ series: [], omittedKeys: 0 });
  });

  it("answers 404 for another team's agent and 422 for a bad window", async () => {
    expect((await get("", other.cookie)).status).toBe(404);
    expect((await get("", owner.cookie, "not-a-uuid")).status).toBe(404);
    for (const query of ["points=5", "points=abc", "from=yesterday", `from=${encodeURIComponent(at(600))}&to=${encodeURIComponent(at(0))}`, "unknown=1", `from=${encodeURIComponent(at(-40 * 86_400))}&to=${encodeURIComponent(at(0))}`]) {
      const res = await get(query);
      expect(res.status, query).toBe(422);
      expect(res.body).toMatchObject({ error: { code: "invalid_request" } });
    }
    expect((await call("GET", `/api/agents/${agent.id}/custom-metrics`)).status).toBe(401);
  });
});

describe("custom metric rules", () => {
  const alerts = async (user: TestUser, id: string) =>
    (await call<{ alerts: { ruleName: string; state: string; detail: string }[] }>("GET", `/api/alerts?agentId=${id}`, { cookie: user.cookie })).body.alerts;

  it("fire as heartbeats arrive when every value of the window is above, and resolve when one is not", async () => {
    const owner = await createUser();
    const fleetId = (await createFleet(owner, "Queues")).id;
    const agent = await pairAgent(owner, (await createAgent(owner, fleetId, { name: "queue-1" })).id);
    const quiet = await pairAgent(owner, (await createAgent(owner, fleetId, { name: "queue-2" })).id);
    const rule = await call<{ rule: { id: string; metric: string | null } }>("POST", "/api/alerts/rules", {
      cookie: owner.cookie,
      body: { name: "Queue long", kind: "custom", metric: "queue_length", threshold: 100, forMinutes: 5 },
    });
    expect(rule.status).toBe(201);
    expect(rule.body.rule).toMatchObject({ kind: "custom", metric: "queue_length", threshold: 100, forMinutes: 5 });
    const long = (n: unknown) => ({ custom: { queue_length: n } });
    await sendHeartbeat(agent, long(120));
    expect(await alerts(owner, agent.id)).toEqual([]); // one value is not yet "for 5 minutes"
    await sendHeartbeat(agent, long(150));
    expect(await alerts(owner, agent.id)).toEqual([expect.objectContaining({ ruleName: "Queue long", state: "open", detail: "queue_length at 120 (threshold 100)" })]);
    await sendHeartbeat(agent, long(99.5));
    expect((await alerts(owner, agent.id)).map((a) => a.state)).toEqual(["resolved"]);
    // A heartbeat without the metric, or with text in it, is not above: the alert it would hold resolves.
    const sql = await db();
    await sql`delete from heartbeats where agent_id = ${agent.id}`;
    await sendHeartbeat(agent, long(300));
    await sendHeartbeat(agent, long(310.25));
    expect((await alerts(owner, agent.id)).map((a) => `${a.state}:${a.detail}`).sort()).toEqual(["open:queue_length at 300 (threshold 100)", "resolved:queue_length at 120 (threshold 100)"]);
    await sendHeartbeat(agent, { custom: { other: 1 } });
    expect((await alerts(owner, agent.id)).map((a) => a.state)).toEqual(["resolved", "resolved"]);
    await sendHeartbeat(agent, long("lots"));
    await sendHeartbeat(agent, long("lots"));
    expect((await alerts(owner, agent.id)).map((a) => a.state)).toEqual(["resolved", "resolved"]);
    // Another agent whose queue is short opens nothing.
    await sendHeartbeat(quiet, long(3));
    await sendHeartbeat(quiet, long(4));
    expect(await alerts(owner, quiet.id)).toEqual([]);
  });

  it("are swept too: history above the threshold opens, a value below resolves", async () => {
    const owner = await createUser();
    const agent = await pairAgent(owner, (await createAgent(owner, (await createFleet(owner, "Sweep")).id, { name: "sweep-1" })).id);
    await sendHeartbeat(agent, { custom: {} });
    expect((await call("POST", "/api/alerts/rules", { cookie: owner.cookie, body: { name: "Slots", kind: "custom", metric: "busy.slots", threshold: 8, forMinutes: 5 } })).status).toBe(201);
    const sql = await db();
    await sql`delete from heartbeats where agent_id = ${agent.id}`;
    await sql`
      insert into heartbeats (team_id, agent_id, received_at, seq, status, custom)
      select ${owner.teamId}, ${agent.id}, now() - make_interval(secs => s), 0, 'ok', jsonb_build_object('busy.slots', 9 + s / 100.0)
      from generate_series(10, 240, 30) as s`;
    await runJob("check-stale", { force: true });
    expect(await alerts(owner, agent.id)).toEqual([expect.objectContaining({ ruleName: "Slots", state: "open", detail: "busy.slots at 9.1 (threshold 8)" })]);
    await sql`insert into heartbeats (team_id, agent_id, received_at, seq, status, custom) values (${owner.teamId}, ${agent.id}, now(), 0, 'ok', '{"busy.slots": 2}')`;
    await runJob("check-stale", { force: true });
    expect((await alerts(owner, agent.id))[0]?.state).toBe("resolved");
  });

  it("keep their metric through partial updates and lose it with another kind", async () => {
    const owner = await createUser();
    const created = await call<{ rule: { id: string } }>("POST", "/api/alerts/rules", { cookie: owner.cookie, body: { name: "Q", kind: "custom", metric: "queue_length", threshold: 5, forMinutes: 2, squelchMinutes: 15 } });
    const path = `/api/alerts/rules/${created.body.rule.id}`;
    const disabled = await call<{ rule: Record<string, unknown> }>("PATCH", path, { cookie: owner.cookie, body: { enabled: false } });
    expect(disabled.status).toBe(200);
    expect(disabled.body.rule).toMatchObject({ enabled: false, kind: "custom", metric: "queue_length", threshold: 5, forMinutes: 2, squelchMinutes: 15 });
    const cpu = await call<{ rule: Record<string, unknown> }>("PATCH", path, { cookie: owner.cookie, body: { kind: "cpu", threshold: 90 } });
    expect(cpu.body.rule).toMatchObject({ kind: "cpu", metric: null, threshold: 90, enabled: false });
  });

  it("refuse a missing, malformed or misplaced metric", async () => {
    const owner = await createUser();
    const bodies = [
      { name: "a", kind: "custom", threshold: 1 },
      { name: "b", kind: "custom", metric: "queue length", threshold: 1 },
      { name: "c", kind: "custom", metric: "q'; drop table alert_rules; --", threshold: 1 },
      { name: "d", kind: "custom", metric: "x".repeat(65), threshold: 1 },
      { name: "e", kind: "custom", metric: "", threshold: 1 },
      { name: "f", kind: "custom", metric: "queue_length" },
      { name: "g", kind: "cpu", metric: "queue_length", threshold: 1 },
      { name: "h", kind: "custom", metric: 42, threshold: 1 },
    ];
    for (const body of bodies) {
      const res = await call("POST", "/api/alerts/rules", { cookie: owner.cookie, body });
      expect(res.status, body.name).toBe(422);
      expect(JSON.stringify(res.body), body.name).toMatch(/"(metric|threshold)"/);
    }
    const sql = await db();
    expect(await sql`select 1 from alert_rules where team_id = ${owner.teamId}`).toHaveLength(0);
  });
});
