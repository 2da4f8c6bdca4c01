import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { call } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat } from "../helpers/agent";
import { createFleet, createUser, type TestUser } from "../factories";

type Point = { t: string; samples: number; cpuPct: number; cpuPctMax: number; rttMsMax: number };
type Metrics = { metrics: { from: string; to: string; bucketS: number; points: Point[] } };

/** A week of 30-second history for one agent: cpu = minute of the hour, one RTT spike. */
async function seedWeek(teamId: string, agentId: string, now: Date) {
  const sql = await db();
  await sql`select ensure_heartbeat_partitions((${now}::timestamptz - interval '8 days')::date, 10)`;
  await sql`
    insert into heartbeats (team_id, agent_id, received_at, seq, status, gateway_healthy, gateway_rtt_ms, cpu_pct, mem_used_pct)
    select ${teamId}, ${agentId}, t, row_number() over (order by t), 'ok', true,
      case when t = date_trunc('hour', ${now}::timestamptz) - interval '3 days' then 5000 else 20 end,
      extract(minute from t), 50
    from generate_series(${now}::timestamptz - interval '7 days', ${now}::timestamptz - interval '30 seconds', interval '30 seconds') as t`;
}

describe("dashboard data", () => {
  let owner: TestUser;
  let stranger: TestUser;
  let fleetId: string;
  let agentId: string;
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  beforeAll(async () => {
    owner = await createUser();
    stranger = await createUser();
    fleetId = (await createFleet(owner, "Data")).id;
    agentId = (await createAgent(owner, fleetId, { name: "chart-host", region: "us-east", tags: ["gpu", "prod"] })).id;
    await seedWeek(owner.teamId, agentId, now);
  });

  it("reduces a week of 30-second history to at most the requested points, keeping peaks", async () => {
    const from = new Date(now.getTime() - 7 * 86_400_000).toISOString();
    const res = await call<Metrics>("GET", `/api/agents/${agentId}/metrics?from=${from}&to=${now.toISOString()}&points=300`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const { points, bucketS } = res.body.metrics;
    expect(bucketS).toBe(2016);
    expect(points.length).toBeGreaterThan(290);
    expect(points.length).toBeLessThanOrEqual(300);
    expect(points.reduce((s, p) => s + p.samples, 0)).toBe(20_160);
    expect(Math.max(...points.map((p) => p.rttMsMax))).toBe(5000);
    expect(Math.max(...points.map((p) => p.cpuPctMax))).toBe(59);
  });

  it("gives the exact values at fine resolution, and defaults to the last 24 hours", async () => {
    const from = new Date(now.getTime() - 3_600_000).toISOString();
    const hour = await call<Metrics>("GET", `/api/agents/${agentId}/metrics?from=${from}&to=${now.toISOString()}&points=60`, { cookie: owner.cookie });
    expect(hour.body.metrics.bucketS).toBe(60);
    expect(hour.body.metrics.points.map((p) => p.cpuPct)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    const day = await call<Metrics>("GET", `/api/agents/${agentId}/metrics`, { cookie: owner.cookie });
    expect(new Date(day.body.metrics.to).getTime() - new Date(day.body.metrics.from).getTime()).toBe(86_400_000);
  });

  it("refuses bad windows with 422 and other teams' agents with 404", async () => {
    const bad = ["from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "points=5", "from=yesterday", "x=1"];
    for (const q of bad) expect((await call("GET", `/api/agents/${agentId}/metrics?${q}`, { cookie: owner.cookie })).status, q).toBe(422);
    expect((await call("GET", `/api/agents/${agentId}/metrics`, { cookie: stranger.cookie })).status).toBe(404);
  });

  it("lists the recent heartbeats and status changes of an agent", async () => {
    const paired = await pairAgent(owner, (await createAgent(owner, fleetId, { name: "live-host" })).id);
    await sendHeartbeat(paired);
    await sendHeartbeat(paired, { gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy: false, rttMs: 9 } });
    const beats = await call<{ heartbeats: { seq: number; gatewayHealthy: boolean }[] }>("GET", `/api/agents/${paired.id}/heartbeats?limit=5`, { cookie: owner.cookie });
    expect(beats.body.heartbeats.map((h) => [h.seq, h.gatewayHealthy])).toEqual([[2, false], [1, true]]);
    const events = await call<{ events: { from: string; to: string; agentName: string }[] }>("GET", `/api/agents/${paired.id}/events`, { cookie: owner.cookie });
    expect(events.body.events.map((e) => `${e.from}>${e.to}`)).toEqual(["online>degraded", "pending>online"]);
    expect(events.body.events[0]?.agentName).toBe("live-host");
  });

  it("summarises the fleet: counts, attention, regions and recent events", async () => {
    const res = await call<{ overview: { total: number; counts: Record<string, number>; attention: { name: string }[]; regions: { region: string; total: number; avgCpuPct: number | null }[]; recentEvents: unknown[] } }>(
      "GET", "/api/overview", { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const o = res.body.overview;
    expect(o.total).toBe(2);
    expect(o.counts).toMatchObject({ pending: 1, degraded: 1, online: 0, offline: 0 });
    expect(o.attention.map((a) => a.name)).toEqual(["live-host"]);
    expect(o.regions.map((r) => [r.region, r.total])).toEqual([["eu-west", 1], ["us-east", 1]]);
    expect(o.regions.find((r) => r.region === "eu-west")?.avgCpuPct).toBe(12.5);
    expect(o.recentEvents).toHaveLength(2);
    const theirs = await call<{ overview: { total: number } }>("GET", "/api/overview", { cookie: stranger.cookie });
    expect(theirs.body.overview.total).toBe(0);
  });

  it("finds agents by name, tag and region and fleets by name, never another team's", async () => {
    const find = async (q: string, who = owner) =>
      (await call<{ results: { agents: { name: string }[]; fleets: { name: string }[] } }>("GET", `/api/search?q=${encodeURIComponent(q)}`, { cookie: who.cookie })).body.results;
    expect((await find("chart")).agents.map((a) => a.name)).toEqual(["chart-host"]);
    expect((await find("gpu")).agents.map((a) => a.name)).toEqual(["chart-host"]);
    expect((await find("us-east")).agents.map((a) => a.name)).toEqual(["chart-host"]);
    expect((await find("dat")).fleets.map((f) => f.name)).toEqual(["Data"]);
    expect(await find("chart", stranger)).toEqual({ agents: [], fleets: [] });
    for (const q of ["%", "_", "' or 1=1 --", "\\"]) expect(await find(q)).toEqual({ agents: [], fleets: [] });
    expect((await call("GET", "/api/search?q=", { cookie: owner.cookie })).status).toBe(422);
  });
});

describe("agents list sorting", () => {
  it("walks every sort order through its cursors without gaps or repeats, and refuses foreign cursors", async () => {
    const owner = await createUser();
    const fleetId = (await createFleet(owner, "Sorted")).id;
    const names = ["delta", "Alpha", "charlie", "bravo", "echo", "foxtrot", "golf"];
    for (const name of names) await createAgent(owner, fleetId, { name });
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: { agents: { name: string }[]; nextCursor: string | null } } = await call("GET", `/api/agents?sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ""}`, { cookie: owner.cookie });
        expect(res.status).toBe(200);
        seen.push(...res.body.agents.map((a) => a.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    const alphabetical = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(await walk("name")).toEqual(alphabetical);
    expect(await walk("-name")).toEqual([...alphabetical].reverse());
    expect(await walk("-created")).toEqual([...names].reverse());
    for (const sort of ["status", "-status", "lastSeen", "-lastSeen"]) expect((await walk(sort)).sort()).toEqual([...names].sort());
    const first = await call<{ nextCursor: string }>("GET", "/api/agents?sort=name&limit=2", { cookie: owner.cookie });
    const foreign = await call("GET", `/api/agents?sort=-created&cursor=${first.body.nextCursor}`, { cookie: owner.cookie });
    expect(foreign.status).toBe(422);
    const forged = Buffer.from(JSON.stringify(["-created", "not a time", "x"])).toString("base64url");
    expect((await call("GET", `/api/agents?cursor=${forged}`, { cookie: owner.cookie })).status).toBe(422);
    expect((await call("GET", "/api/agents?sort=hostname", { cookie: owner.cookie })).status).toBe(422);
  });
});
