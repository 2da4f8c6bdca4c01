import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runJob } from "@/lib/server/jobs/run-job";
import { call } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat, type PairedAgent } from "../helpers/agent";
import { createFleet, createUser, type TestUser } from "../factories";

/** Puts an agent's last heartbeat `seconds` in the past, with the watch time its heartbeat would have set. */
async function lastSeen(agentId: string, seconds: number) {
  const sql = await db();
  await sql`
    update agents set last_seen_at = now() - make_interval(secs => ${seconds}),
      watch_at = case when status in ('online', 'degraded') then date_bin('1 minute', now() - make_interval(secs => ${seconds}), timestamptz 'epoch') + make_interval(secs => heartbeat_interval_s + grace_s)
        when status = 'stale' then now() - make_interval(secs => ${seconds}) + make_interval(secs => 5 * heartbeat_interval_s + grace_s) else watch_at end
    where id = ${agentId}`;
}
const statusOf = async (id: string) => (await (await db())<{ status: string }[]>`select status from agents where id = ${id}`)[0]?.status;
const cron = (path: string, authorization?: string) => call("GET", path, { headers: authorization ? { authorization } : {} });

describe("stale detection", () => {
  let owner: TestUser;
  let late: PairedAgent;
  let healthy: PairedAgent[];
  let listener: postgres.Sql;
  const notices: string[] = [];
  beforeAll(async () => {
    owner = await createUser();
    const fleetId = (await createFleet(owner, "Watch")).id;
    late = await pairAgent(owner, (await createAgent(owner, fleetId, { name: "late-one", heartbeatIntervalS: 30, graceS: 60 })).id);
    healthy = [];
    for (let i = 0; i < 20; i++) healthy.push(await pairAgent(owner, (await createAgent(owner, fleetId)).id));
    for (const a of [late, ...healthy]) await sendHeartbeat(a);
    listener = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
    await listener.listen("fleet_events", (p) => notices.push(p));
  });
  afterAll(async () => listener.end());

  it("moves a late agent online → stale → offline by its own interval and grace, looking only at due agents", async () => {
    await lastSeen(late.id, 89);
    let outcome = await runJob("check-stale", { force: true });
    expect(await statusOf(late.id)).toBe("online");
    await lastSeen(late.id, 91);
    outcome = await runJob("check-stale", { force: true });
    expect(outcome).toMatchObject({ ran: true, result: { stale: expect.any(Number) } });
    expect(await statusOf(late.id)).toBe("stale");
    for (const a of healthy) expect(await statusOf(a.id)).toBe("online");
    await lastSeen(late.id, 5 * 30 + 60 + 1);
    await runJob("check-stale", { force: true });
    expect(await statusOf(late.id)).toBe("offline");
    await expect.poll(() => notices.map((n) => JSON.parse(n) as { agentId?: string; from?: string; to?: string }).filter((n) => n.agentId === late.id && n.to).map((n) => `${n.from}>${n.to}`))
      .toEqual(["online>stale", "stale>offline"]);
    const events = await call<{ events: { from: string; to: string }[] }>("GET", `/api/agents/${late.id}/events`, { cookie: owner.cookie });
    expect(events.body.events.map((e) => `${e.from}>${e.to}`)).toEqual(["stale>offline", "online>stale", "pending>online"]);
  });

  it("is idempotent, and a heartbeat brings the agent back (resolving the change)", async () => {
    const sql = await db();
    const [before] = await sql<{ n: number }[]>`select count(*)::int as n from agent_events where agent_id = ${late.id}`;
    const again = await runJob("check-stale", { force: true });
    expect(await statusOf(late.id)).toBe("offline");
    expect(again.ran).toBe(true);
    const [after] = await sql<{ n: number }[]>`select count(*)::int as n from agent_events where agent_id = ${late.id}`;
    expect(after?.n).toBe(before?.n);
    expect((await sendHeartbeat(late)).body.agentStatus).toBe("online");
    const [row] = await sql<{ due: boolean }[]>`select watch_at > now() as due from agents where id = ${late.id}`;
    expect(row?.due).toBe(true);
  });

  it("leaves paused agents alone and never examines healthy ones", async () => {
    const paused = healthy[0];
    if (!paused) throw new Error("no agent");
    expect((await call("PATCH", `/api/agents/${paused.id}`, { cookie: owner.cookie, body: { paused: true } })).status).toBe(200);
    await lastSeen(paused.id, 10_000);
    const sql = await db();
    const [due] = await sql<{ n: number }[]>`select count(*)::int as n from agents where watch_at <= now() and team_id = ${owner.teamId}`;
    expect(due?.n).toBe(0);
    await runJob("check-stale", { force: true });
    expect(await statusOf(paused.id)).toBe("paused");
  });

  it("with a short grace, looks at an agent only once it is late, and turns it stale as its deadline passes", async () => {
    const sql = await db();
    const fleetId = (await createFleet(owner, "Short grace")).id;
    const quick: PairedAgent[] = [];
    for (let i = 0; i < 5; i++) quick.push(await pairAgent(owner, (await createAgent(owner, fleetId, { heartbeatIntervalS: 10, graceS: 5 })).id));
    for (const a of quick) await sendHeartbeat(a);
    // Each heartbeat's look comes after the next on-time heartbeat and no later than the deadline.
    const looks = await sql<{ after_next: boolean; by_deadline: boolean }[]>`
      select watch_at >= last_seen_at + interval '10 seconds' - interval '1 millisecond' as after_next,
        watch_at <= last_seen_at + interval '15 seconds' as by_deadline
      from agents where id = any(${quick.map((a) => a.id)}::uuid[])`;
    expect(looks).toEqual(quick.map(() => ({ after_next: true, by_deadline: true })));
    const [first] = quick;
    if (!first) throw new Error("no agent");
    // 14.5 s after its heartbeat: looked at (its look has passed) but still online, the look moved to the deadline.
    await sql`
      update agents set last_seen_at = now() - interval '14.5 seconds',
        watch_at = date_bin(interval '5 seconds', now() - interval '14.5 seconds', timestamptz 'epoch') + interval '15 seconds'
      where id = ${first.id}`;
    await runJob("watch-stale", { force: true });
    expect(await statusOf(first.id)).toBe("online");
    const [moved] = await sql<{ exact: boolean }[]>`select watch_at = last_seen_at + interval '15 seconds' as exact from agents where id = ${first.id}`;
    expect(moved?.exact).toBe(true);
    await sql`update agents set last_seen_at = last_seen_at - interval '0.6 seconds', watch_at = watch_at - interval '0.6 seconds' where id = ${first.id}`;
    const outcome = await runJob("watch-stale", { force: true });
    expect(outcome).toMatchObject({ ran: true, result: { stale: expect.any(Number) } });
    expect(await statusOf(first.id)).toBe("stale");
    for (const a of quick.slice(1)) expect(await statusOf(a.id)).toBe("online");
  });

  it("runs once across instances: a held lock or a recent run makes the others skip", async () => {
    await runJob("check-stale", { force: true });
    expect(await runJob("check-stale")).toMatchObject({ ran: false, reason: "ran recently" });
    const other = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
    try {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const holding = other.begin(async (tx) => {
        const [row] = await tx<{ key: string }[]>`select ('x' || left(encode(sha256('job:check-stale'), 'hex'), 16))::bit(64)::bigint::text as key`;
        await tx`select pg_advisory_xact_lock(${row?.key ?? "0"}::bigint)`;
        await held;
      });
      await expect.poll(async () => (await runJob("check-stale", { force: true })).reason).toBe("running elsewhere");
      release();
      await holding;
    } finally {
      await other.end();
    }
  });

  it("answers the scheduler's routes only with the right Bearer CRON_SECRET", async () => {
    expect((await cron("/api/cron/check-stale")).status).toBe(401);
    expect((await cron("/api/cron/check-stale", "Bearer wrong")).status).toBe(401);
    expect((await cron("/api/cron/purge", `Basic ${env().CRON_SECRET}`)).status).toBe(401);
    const ok = await cron("/api/cron/check-stale?force=1", `Bearer ${env().CRON_SECRET}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ job: "check-stale", ran: true, result: { examined: expect.any(Number) } });
    expect((await cron("/api/cron/budgets")).status).toBe(401);
    const budgets = await cron("/api/cron/budgets?force=1", `Bearer ${env().CRON_SECRET}`);
    expect(budgets.status).toBe(200);
    expect(budgets.body).toMatchObject({ job: "budgets", ran: true, result: { budgets: expect.any(Number) } });
  });
});

describe("history purge", () => {
  it("drops whole partitions past the longest retention, trims teams that keep less, and creates the days ahead", async () => {
    const sql = await db();
    const keeper = await createUser();
    const brief = await createUser();
    expect((await call("PATCH", `/api/teams/${brief.teamId}`, { cookie: brief.cookie, body: { heartbeatRetentionDays: 0 } })).status).toBe(422);
    const set = await call<{ team: { heartbeatRetentionDays: number } }>("PATCH", `/api/teams/${brief.teamId}`, { cookie: brief.cookie, body: { heartbeatRetentionDays: 1 } });
    expect(set.body.team.heartbeatRetentionDays).toBe(1);
    const fleetA = await createFleet(keeper, "P");
    const [agentA] = await sql<{ id: string }[]>`insert into agents (team_id, fleet_id, name) values (${keeper.teamId}, ${fleetA.id}, 'keeper') returning id`;
    const fleetB = await createFleet(brief, "Q");
    const [agentB] = await sql<{ id: string }[]>`insert into agents (team_id, fleet_id, name) values (${brief.teamId}, ${fleetB.id}, 'brief') returning id`;
    await sql`select ensure_heartbeat_partitions(date '2020-03-01', 2)`;
    await sql`insert into heartbeats (team_id, agent_id, received_at, seq, status) select ${keeper.teamId}, ${agentA?.id ?? ""}, timestamptz '2020-03-01 12:00Z' + i * interval '1 second', i, 'ok' from generate_series(1, 500) as i`;
    for (const [team, agent] of [[keeper.teamId, agentA?.id], [brief.teamId, agentB?.id]]) {
      await sql`insert into heartbeats (team_id, agent_id, received_at, seq, status) values (${team ?? ""}, ${agent ?? ""}, now() - interval '3 days', 1, 'ok')`;
    }
    const outcome = await runJob("purge", { force: true });
    expect(outcome.ran).toBe(true);
    expect((outcome.result as { dropped: string[] }).dropped).toEqual(expect.arrayContaining(["heartbeats_20200301", "heartbeats_20200302"]));
    const [old] = await sql<{ n: number }[]>`select count(*)::int as n from heartbeats where received_at < '2021-01-01'`;
    expect(old?.n).toBe(0);
    const [retired] = await sql<{ n: number }[]>`select count(*)::int as n from pg_class where relname like 'heartbeats_%2020030%'`;
    expect(retired?.n, "detached tables are dropped after the purge commits").toBe(0);
    const left = await sql<{ team_id: string }[]>`select team_id from heartbeats where agent_id in (${agentA?.id ?? ""}, ${agentB?.id ?? ""})`;
    expect(left.map((r) => r.team_id)).toEqual([keeper.teamId]);
    const [ahead] = await sql<{ n: number }[]>`select count(*)::int as n from pg_class where relname = 'heartbeats_' || to_char(current_date + 7, 'YYYYMMDD')`;
    expect(ahead?.n).toBe(1);
    const twice = await runJob("purge", { force: true });
    expect(twice.result).toMatchObject({ dropped: [], trimmedRows: 0, created: 0 });
  });
});
