import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { deliveryTick } from "@/lib/server/alerts/dispatch";
import { GROUP_WAIT_S } from "@/lib/server/alerts/queue";
import { runJob } from "@/lib/server/jobs/run-job";
import { call } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat, type PairedAgent } from "../helpers/agent";
import { createFleet, createUser, type TestUser } from "../factories";

// Receivers here are local HTTP servers: the worker allows private targets before settings are read.
process.env.ALLOW_PRIVATE_WEBHOOKS = "1";

type Hit = { path: string; body: Record<string, unknown>; headers: Record<string, unknown> };

/** A local stand-in for Slack that can be taken down and brought back. */
async function receiver() {
  const hits: Hit[] = [];
  let up = true;
  const server: Server = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => {
      if (!up) return void res.writeHead(503, { "retry-after": "1" }).end();
      hits.push({ path: req.url ?? "", body: JSON.parse(data) as Record<string, unknown>, headers: req.headers });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return { hits, url, down: () => void (up = false), upAgain: () => void (up = true), close: () => new Promise((r) => server.close(r)) };
}

/** Makes agents look silent long enough to be offline, then runs the check. */
async function goOffline(ids: string[]) {
  const sql = await db();
  await sql`update agents set last_seen_at = now() - interval '10 minutes', watch_at = now() - interval '1 second' where id = any(${ids}::uuid[])`;
  await runJob("check-stale", { force: true });
}
/** Lets the grouping window pass (by moving the alerts' open time back), then delivers. */
async function deliver() {
  const sql = await db();
  await sql`update alerts set opened_at = opened_at - make_interval(secs => ${GROUP_WAIT_S + 1}) where trigger_pending`;
  return deliveryTick();
}

describe("alerting", () => {
  let owner: TestUser;
  let slack: Awaited<ReturnType<typeof receiver>>;
  let agents: PairedAgent[];
  let channelId: string;
  let ruleId: string;
  beforeAll(async () => {
    owner = await createUser();
    slack = await receiver();
    const fleetId = (await createFleet(owner, "Alerting")).id;
    agents = [];
    for (let i = 0; i < 4; i++) agents.push(await pairAgent(owner, (await createAgent(owner, fleetId, { name: `node-${i}` })).id));
    for (const a of agents) await sendHeartbeat(a);
    const channel = await call<{ channel: { id: string; configHint: string } }>("POST", "/api/alerts/channels", { cookie: owner.cookie, body: { name: "#ops", type: "slack", config: { url: `${slack.url}/services/T1/B1/very-secret-token` } } });
    expect(channel.status).toBe(201);
    expect(JSON.stringify(channel.body)).not.toContain("very-secret-token");
    channelId = channel.body.channel.id;
    const rule = await call<{ rule: { id: string } }>("POST", "/api/alerts/rules", { cookie: owner.cookie, body: { name: "Offline", kind: "agent_offline", channelIds: [channelId], squelchMinutes: 60 } });
    expect(rule.status).toBe(201);
    ruleId = rule.body.rule.id;
  });
  afterAll(async () => slack.close());

  it("groups agents failing together into one notification, and resolves once all are back", async () => {
    const [a, b, c] = agents;
    if (!a || !b || !c) throw new Error("agents");
    await goOffline([a.id, b.id, c.id]);
    const list = await call<{ alerts: { state: string; agentName: string }[] }>("GET", "/api/alerts?state=active", { cookie: owner.cookie });
    expect(list.body.alerts.map((x) => x.agentName).sort()).toEqual(["node-0", "node-1", "node-2"]);
    const tick = await deliver();
    expect(tick.queued.triggers).toBe(1);
    expect(slack.hits).toHaveLength(1);
    expect(String(slack.hits[0]?.body.text)).toMatch(/3 agents/);
    expect(slack.hits[0]?.headers["idempotency-key"]).toEqual(expect.any(String));
    for (const x of [a, b]) await sendHeartbeat(x);
    await deliver();
    expect(slack.hits).toHaveLength(1); // one of the group is still offline: the incident goes on
    await sendHeartbeat(c);
    await deliver();
    expect(slack.hits).toHaveLength(2);
    expect(JSON.stringify(slack.hits[1]?.body)).toMatch(/resolved/i);
  });

  it("squelches a second alert for the same rule and agent within the squelch window", async () => {
    const [a] = agents;
    if (!a) throw new Error("agents");
    const before = slack.hits.length;
    await goOffline([a.id]);
    await deliver();
    expect(slack.hits.length).toBe(before);
    const sql = await db();
    const [row] = await sql<{ state: string }[]>`select state from alerts where rule_id = ${ruleId} and agent_id = ${a.id} and state <> 'resolved'`;
    expect(row?.state).toBe("open");
    await sendHeartbeat(a);
    await deliver();
    expect(slack.hits.length).toBe(before);
  });

  it("sends nothing for a snoozed agent and says so on the alert", async () => {
    const d = agents[3];
    if (!d) throw new Error("agents");
    expect((await call("POST", "/api/silences", { cookie: owner.cookie, body: { scopeType: "agent", scopeId: d.id, minutes: 30, reason: "kernel upgrade" } })).status).toBe(201);
    const before = slack.hits.length;
    await goOffline([d.id]);
    await deliver();
    expect(slack.hits.length).toBe(before);
    const list = await call<{ alerts: { agentName: string; silenced: boolean }[] }>("GET", "/api/alerts?state=active", { cookie: owner.cookie });
    expect(list.body.alerts.find((x) => x.agentName === "node-3")?.silenced).toBe(true);
    await sendHeartbeat(d);
  });

  it("keeps every notification through a receiver outage and delivers each once it is back", async () => {
    const sql = await db();
    await sql`update alert_rules set squelch_minutes = 0 where id = ${ruleId}`;
    await sql`delete from silences where team_id = ${owner.teamId}`;
    slack.down();
    const before = slack.hits.length;
    const [a] = agents;
    if (!a) throw new Error("agents");
    await goOffline([a.id]);
    await deliver();
    const [pending] = await sql<{ status: string; attempts: number; last_error: string }[]>`select status, attempts, last_error from notifications where channel_id = ${channelId} and action = 'trigger' order by created_at desc limit 1`;
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });
    await sql`update notifications set next_attempt_at = now() where status = 'pending'`;
    await deliver();
    slack.upAgain();
    await sql`update notifications set next_attempt_at = now() where status = 'pending'`;
    await deliver();
    expect(slack.hits.length).toBe(before + 1);
    const attempts = await sql<{ status_code: number }[]>`select a.status_code from notification_attempts a join notifications n on n.id = a.notification_id where n.channel_id = ${channelId} and n.action = 'trigger' order by a.at desc limit 3`;
    expect(attempts.map((x) => x.status_code)).toEqual([200, 503, 503]);
    await sendHeartbeat(a);
    await deliver();
  });

  it("acknowledges and resolves by hand, audited, and keeps secrets out of the database in clear", async () => {
    const [a] = agents;
    if (!a) throw new Error("agents");
    await goOffline([a.id]);
    const [open] = (await call<{ alerts: { id: string }[] }>("GET", "/api/alerts?state=open", { cookie: owner.cookie })).body.alerts;
    const ack = await call<{ alert: { state: string; acknowledgedBy: string } }>("POST", `/api/alerts/${open?.id}/ack`, { cookie: owner.cookie });
    expect(ack.body.alert).toMatchObject({ state: "acknowledged", acknowledgedBy: owner.email });
    expect((await call("POST", `/api/alerts/${open?.id}/ack`, { cookie: owner.cookie })).status).toBe(409);
    const resolved = await call<{ alert: { state: string; resolvedBy: string } }>("POST", `/api/alerts/${open?.id}/resolve`, { cookie: owner.cookie });
    expect(resolved.body.alert).toMatchObject({ state: "resolved", resolvedBy: owner.email });
    const audit = await call<{ entries: { action: string }[] }>("GET", `/api/audit?target=${open?.id}`, { cookie: owner.cookie });
    expect(audit.body.entries.map((e) => e.action).sort()).toEqual(["alert.ack", "alert.resolve"]);
    const sql = await db();
    const dump = await sql<{ t: string }[]>`select (select string_agg(c::text, '') from alert_channels c) || (select string_agg(n::text, '') from notifications n) || (select coalesce(string_agg(l::text, ''), '') from audit_log l where l.team_id = ${owner.teamId}) as t`;
    expect(dump[0]?.t).not.toContain("very-secret-token");
    await sendHeartbeat(a);
  });
});

describe("delivery", () => {
  it("never follows a redirect, times out a silent receiver, and reads Retry-After", async () => {
    const { deliver, isRetryable } = await import("@/lib/server/alerts/channels/deliver");
    const target = await receiver();
    const servers: Server[] = [];
    const serve = async (handler: Parameters<typeof createServer>[1]) => {
      const s = createServer(handler);
      servers.push(s);
      await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
      const a = s.address();
      return `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}`;
    };
    try {
      const redirecting = await serve((_req, res) => res.writeHead(302, { location: `${target.url}/stolen` }).end());
      const r = await deliver({ url: redirecting, body: "{}", headers: {} });
      expect(r).toMatchObject({ ok: false, status: 302, error: "redirect refused" });
      expect(isRetryable(r)).toBe(false);
      expect(target.hits).toHaveLength(0);
      const silent = await serve(() => {});
      const t = await deliver({ url: silent, body: "{}", headers: {} }, { timeoutMs: 300 });
      expect(t).toMatchObject({ ok: false, status: null });
      expect(t.error).toMatch(/timed out/);
      const busy = await serve((_req, res) => res.writeHead(503, { "retry-after": "7" }).end());
      const b = await deliver({ url: busy, body: "{}", headers: {} });
      expect(b).toMatchObject({ ok: false, status: 503, retryAfterS: 7 });
      expect(isRetryable(b)).toBe(true);
    } finally {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      await target.close();
    }
  });
});

describe("threshold rules and key rotation", () => {
  it("fires when every heartbeat of the window is above the threshold, and resolves when one is not", async () => {
    const owner = await createUser();
    const fleetId = (await createFleet(owner, "Hot")).id;
    const agent = await pairAgent(owner, (await createAgent(owner, fleetId, { name: "hot-1", tags: ["gpu"] })).id);
    await sendHeartbeat(agent);
    const rule = await call<{ rule: { id: string } }>("POST", "/api/alerts/rules", { cookie: owner.cookie, body: { name: "CPU hot", kind: "cpu", threshold: 80, forMinutes: 5, scope: { type: "tag", value: "gpu" } } });
    expect(rule.status).toBe(201);
    const sql = await db();
    const seed = (cpu: number) => sql`
      insert into heartbeats (team_id, agent_id, received_at, seq, status, cpu_pct)
      select ${owner.teamId}, ${agent.id}, now() - make_interval(secs => s), 0, 'ok', ${cpu} from generate_series(10, 240, 30) as s`;
    await sql`delete from heartbeats where agent_id = ${agent.id}`;
    await seed(95);
    await runJob("check-stale", { force: true });
    const open = async () => (await call<{ alerts: { ruleName: string; state: string; detail: string }[] }>("GET", `/api/alerts?agentId=${agent.id}`, { cookie: owner.cookie })).body.alerts;
    expect(await open()).toEqual([expect.objectContaining({ ruleName: "CPU hot", state: "open", detail: "CPU at 95.0 % (threshold 80 %)" })]);
    await sql`insert into heartbeats (team_id, agent_id, received_at, seq, status, cpu_pct) values (${owner.teamId}, ${agent.id}, now(), 0, 'ok', 12)`;
    await runJob("check-stale", { force: true });
    expect((await open())[0]?.state).toBe("resolved");
    expect((await call("POST", "/api/alerts/rules", { cookie: owner.cookie, body: { name: "x", kind: "cpu" } })).status).toBe(422);
  });

  it("evaluates threshold rules as heartbeats arrive, with no job running", async () => {
    const owner = await createUser();
    const fleetId = (await createFleet(owner, "Arrivals")).id;
    const agent = await pairAgent(owner, (await createAgent(owner, fleetId, { name: "arrive-1" })).id);
    const quiet = await pairAgent(owner, (await createAgent(owner, fleetId, { name: "arrive-2" })).id);
    const rules = [
      { name: "CPU hot now", kind: "cpu", threshold: 80, forMinutes: 1 },
      { name: "Spend", kind: "daily_spend", threshold: 0.015 },
    ];
    for (const body of rules) expect((await call("POST", "/api/alerts/rules", { cookie: owner.cookie, body })).status).toBe(201);
    const alerts = async (id: string) =>
      (await call<{ alerts: { ruleName: string; state: string; detail: string }[] }>("GET", `/api/alerts?agentId=${id}`, { cookie: owner.cookie })).body.alerts
        .map((a) => `${a.ruleName}:${a.state}`).sort();
    const hot = { metrics: { cpuPct: 95, memUsedPct: 40 } };
    // One hot heartbeat is not yet "for a minute" (two samples at least), and 0.0087 is under the spend limit.
    await sendHeartbeat(agent, hot);
    expect(await alerts(agent.id)).toEqual([]);
    // The second opens the CPU alert, and its cost (0.0174 today) the spend alert, in the same commit.
    await sendHeartbeat(agent, hot);
    expect(await alerts(agent.id)).toEqual(["CPU hot now:open", "Spend:open"]);
    await sendHeartbeat(agent, hot);
    expect(await alerts(agent.id)).toEqual(["CPU hot now:open", "Spend:open"]);
    // A cool heartbeat resolves the CPU alert at once; the spend stays over for the day.
    await sendHeartbeat(agent, { metrics: { cpuPct: 20 } });
    expect(await alerts(agent.id)).toEqual(["CPU hot now:resolved", "Spend:open"]);
    // Another agent of the team, cool and cheap, opens nothing.
    await sendHeartbeat(quiet, { usage: [] });
    await sendHeartbeat(quiet, { usage: [] });
    expect(await alerts(quiet.id)).toEqual([]);
  });

  it("re-seals channel secrets under a new active key with the nightly job", async () => {
    const owner = await createUser();
    const created = await call<{ channel: { id: string } }>("POST", "/api/alerts/channels", { cookie: owner.cookie, body: { name: "hook", type: "webhook", config: { url: "https://example.com/hook", secret: "sixteen-chars-or-more" } } });
    const sql = await db();
    const blob = async () => (await sql<{ c: string }[]>`select config_encrypted as c from alert_channels where id = ${created.body.channel.id}`)[0]?.c ?? "";
    const before = await blob();
    const { env } = await import("@/lib/env");
    const settings = env();
    const oldKeys = settings.ENCRYPTION_KEYS;
    const next = `next:${Buffer.alloc(32, 7).toString("base64")}`;
    settings.ENCRYPTION_KEYS = `${next},${oldKeys}`;
    try {
      await runJob("purge", { force: true });
      const after = await blob();
      expect(after).toMatch(/^v1\.next\./);
      const { decryptSecret } = await import("@/lib/crypto/secrets");
      expect(JSON.parse(decryptSecret(after, `alert_channel:${created.body.channel.id}`))).toEqual({ url: "https://example.com/hook", secret: "sixteen-chars-or-more" });
      expect(before).not.toBe(after);
    } finally {
      // Back under the run's own key, for the other test files sharing this database.
      settings.ENCRYPTION_KEYS = `${oldKeys},${next}`;
      await runJob("purge", { force: true });
      settings.ENCRYPTION_KEYS = oldKeys;
    }
  });
});

describe("secrets at rest, across the whole database", () => {
  it("finds no channel URL, routing key or signing secret in clear text in any table", async () => {
    const owner = await createUser();
    const secrets = { slack: "xoxSlackPathSecret42", pd: "PDroutingKey0123456789secret", hook: "hook-signing-secret-0042" };
    const bodies = [
      { name: "s", type: "slack", config: { url: `https://hooks.slack.com/services/T9/B9/${secrets.slack}` } },
      { name: "p", type: "pagerduty", config: { routingKey: secrets.pd } },
      { name: "w", type: "webhook", config: { url: "https://example.com/hook", secret: secrets.hook } },
    ];
    for (const body of bodies) {
      const res = await call("POST", "/api/alerts/channels", { cookie: owner.cookie, body });
      expect(res.status).toBe(201);
      for (const s of Object.values(secrets)) expect(JSON.stringify(res.body)).not.toContain(s);
    }
    const listed = await call("GET", "/api/alerts/channels", { cookie: owner.cookie });
    for (const s of Object.values(secrets)) expect(JSON.stringify(listed.body)).not.toContain(s);
    // A logical dump: every row of every table, as text.
    const sql = await db();
    const tables = await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public'`;
    expect(tables.length).toBeGreaterThan(15);
    for (const { name } of tables) {
      const [dump] = await sql<{ t: string | null }[]>`select string_agg(x::text, '') as t from ${sql(name)} x`;
      for (const s of Object.values(secrets)) expect(dump?.t ?? "", `${name} holds a secret in clear`).not.toContain(s);
    }
  });
});

describe("pairing again", () => {
  it("records the agent's return to pending and resolves its open status alerts", async () => {
    const owner = await createUser();
    const fleetId = (await createFleet(owner, "Moved")).id;
    const agent = await pairAgent(owner, (await createAgent(owner, fleetId, { name: "moved-1" })).id);
    await sendHeartbeat(agent);
    await call("POST", "/api/alerts/rules", { cookie: owner.cookie, body: { name: "Offline", kind: "agent_offline" } });
    await goOffline([agent.id]);
    const states = async () => (await call<{ alerts: { state: string }[] }>("GET", `/api/alerts?agentId=${agent.id}`, { cookie: owner.cookie })).body.alerts.map((a) => a.state);
    expect(await states()).toEqual(["open"]);
    await pairAgent(owner, agent.id);
    expect(await states()).toEqual(["resolved"]);
    const events = await call<{ events: { from: string; to: string }[] }>("GET", `/api/agents/${agent.id}/events`, { cookie: owner.cookie });
    expect(events.body.events[0]).toMatchObject({ from: "offline", to: "pending" });
  });
});
