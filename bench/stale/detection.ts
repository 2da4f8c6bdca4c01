// The delay from an agent's deadline (last heartbeat + interval + grace) to its status change and to
// the first alert notification received by a local signed-webhook receiver, measured on the
// production server with nothing but its own scheduler running: N agents (10 s interval, 5 s grace)
// each send one heartbeat, spread evenly over `spreadS` seconds, and go quiet.
import { createServer } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createPairedFleet, nextHeartbeat, postAs } from "../heartbeat/agents";
import { percentile, startServer, stopServer } from "../lib/server";

export type Detection = { agents: number; staleMs: Stats; notifiedMs: Stats; notifications: number; missing: number };
type Stats = { p50: number; p95: number; max: number; min: number };

const stats = (values: number[]): Stats => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN, min: sorted[0] ?? Number.NaN };
};

export async function measureDetection({ agents: count, spreadS, port, log }: { agents: number; spreadS: number; port: number; log: (line: string) => void }): Promise<Detection> {
  const received = new Map<string, number>();
  let notifications = 0;
  const receiver = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => {
      const at = Date.now();
      const body = JSON.parse(data) as { type: string; agents: { id: string }[] };
      if (body.type === "alert.trigger") {
        notifications++;
        for (const a of body.agents) if (!received.has(a.id)) received.set(a.id, at);
      }
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const address = receiver.address();
  const hook = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;

  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-detection-"));
  const limits = { RATE_LIMIT_HEARTBEATS_PER_MINUTE: "1000000", RATE_LIMIT_API_PER_MINUTE: "1000000", RATE_LIMIT_PAIRING_PER_HOUR: "1000000" };
  const server = await startServer(port, { DATA_DIR: dataDir, ALLOW_PRIVATE_WEBHOOKS: "1", EMBEDDED_PG_FAST: "1", ...limits });
  const pgPort = readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[3]?.trim();
  const password = readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim();
  const sql = postgres(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/postgres`, { max: 1, onnotice: () => {} });
  try {
    log(`pairing ${count} agents (10 s interval, 5 s grace)…`);
    const { cookie, agents } = await createPairedFleet(server.url, count, { heartbeatIntervalS: 10, graceS: 5 });
    const { channel } = await postAs<{ channel: { id: string } }>(server.url, cookie, "/api/alerts/channels", { name: "receiver", type: "webhook", config: { url: hook, secret: "bench-signing-secret-0001" } });
    await postAs(server.url, cookie, "/api/alerts/rules", { name: "Quiet", kind: "agent_stale", severity: "critical", squelchMinutes: 0, channelIds: [channel.id] });

    log(`one heartbeat per agent, spread over ${spreadS} s, then silence…`);
    const started = Date.now();
    await Promise.all(
      agents.map(async (agent, i) => {
        const signed = await nextHeartbeat(agent);
        await new Promise((r) => setTimeout(r, started + (i * spreadS * 1000) / agents.length - Date.now()));
        const res = await fetch(`${server.url}/api/heartbeat`, { method: "POST", headers: { authorization: signed.authorization, "content-type": "application/json" }, body: signed.body });
        if (res.status !== 200) throw new Error(`heartbeat: ${res.status} ${await res.text()}`);
      }),
    );
    const lastDeadline = Date.now() + 15_000;
    while (received.size < agents.length && Date.now() < lastDeadline + 60_000) await new Promise((r) => setTimeout(r, 250));

    const rows = await sql<{ id: string; deadline: Date; changed: Date | null }[]>`
      select a.id, a.last_seen_at + make_interval(secs => a.heartbeat_interval_s + a.grace_s) as deadline,
        (select min(e.created_at) from agent_events e where e.agent_id = a.id and e.from_status = 'online' and e.to_status = 'stale') as changed
      from agents a where a.id = any(${agents.map((a) => a.id)}::uuid[])`;
    const stale = rows.filter((r) => r.changed).map((r) => (r.changed?.getTime() ?? 0) - r.deadline.getTime());
    const notified = rows.filter((r) => received.has(r.id)).map((r) => (received.get(r.id) ?? 0) - r.deadline.getTime());
    return { agents: rows.length, staleMs: stats(stale), notifiedMs: stats(notified), notifications, missing: rows.length - notified.length };
  } finally {
    await sql.end();
    await stopServer(server);
    receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
