// Heartbeat-to-browser delay: paired agents post signed heartbeats at a steady rate while a real
// Chromium holds an EventSource on /api/stream; delay = browser receipt - the heartbeat's 200.
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { loadavg } from "node:os";
import { chromium } from "@playwright/test";
import { Pool } from "undici";
import { nextHeartbeat, type SimAgent } from "../heartbeat/agents";
import { cpuSeconds, percentile } from "../lib/server";
import { REGIONS } from "./seed";

type Json = Record<string, unknown>;
type Received = { heartbeats: Array<[string, number, number]>; status: number; errors: number; resyncs: number };

async function post<T>(url: string, path: string, body: Json, cookie?: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: url, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Creates N agents in the fleet and pairs each with its own Ed25519 key, as `clawfleet pair` does. */
export async function pairAgents(url: string, cookie: string, fleetId: string, count: number): Promise<SimAgent[]> {
  const agents: SimAgent[] = [];
  for (let start = 0; start < count; start += 25) {
    agents.push(...(await Promise.all(Array.from({ length: Math.min(25, count - start) }, async (_, k) => {
      const i = start + k;
      const { agent } = await post<{ agent: { id: string } }>(url, "/api/agents", { fleetId, name: `live-${i}`, region: REGIONS[i % REGIONS.length], tags: ["live"] }, cookie);
      const { code } = await post<{ code: string }>(url, `/api/agents/${agent.id}/pairing-codes`, {}, cookie);
      const { privateKey, publicKey } = generateKeyPairSync("ed25519");
      const { x } = publicKey.export({ format: "jwk" });
      await post(url, "/api/agents/pair", { code, publicKeyJwk: { kty: "OKP", crv: "Ed25519", x }, host: { hostname: `live-${i}`, os: "linux", arch: "x64" } });
      return { id: agent.id, key: privateKey, seq: 0 };
    }))));
  }
  return agents;
}

/** The browser's processes: this process's descendants whose command is Chromium (not the server's). */
function browserPids(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended
    }
  }
  const out: number[] = [];
  for (let frontier = [root]; frontier.length > 0; ) {
    frontier = [...parent].filter(([, pp]) => frontier.includes(pp)).map(([pid]) => pid);
    out.push(...frontier);
  }
  return out.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("chromium");
    } catch {
      return false;
    }
  });
}

export type DelayOptions = { url: string; page: string; cookie: string; agents: SimAgent[]; intervalS: number; seconds: number; traced: number; serverPid: number; postgresPids: () => number[] };

export async function measureDelay(o: DelayOptions) {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
  const pool = new Pool(o.url, { connections: 64 });
  try {
    const context = await browser.newContext();
    await context.addCookies(o.cookie.split("; ").map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: o.url })));
    const page = await context.newPage();
    await page.goto(`${o.url}${o.page}`, { waitUntil: "load" });
    const step = Math.max(1, Math.floor(o.agents.length / o.traced));
    const traced = new Set(o.agents.filter((_, i) => i % step === 0).slice(0, o.traced).map((a) => a.id));
    await page.evaluate((ids) => new Promise<void>((resolve) => {
      const set = new Set(ids);
      const rx: Received = { heartbeats: [], status: 0, errors: 0, resyncs: 0 };
      (window as unknown as { __bench: Received }).__bench = rx;
      const es = new EventSource("/api/stream");
      es.addEventListener("agent.heartbeat", (e) => {
        const at = performance.timeOrigin + performance.now();
        const d = JSON.parse(e.data) as { agentId: string; seq?: number };
        if (set.has(d.agentId)) rx.heartbeats.push([d.agentId, d.seq ?? -1, at]);
      });
      es.addEventListener("agent.status", (e) => void (set.has((JSON.parse(e.data) as { agentId: string }).agentId) && rx.status++));
      es.addEventListener("resync", () => void rx.resyncs++);
      es.addEventListener("error", () => void rx.errors++);
      es.addEventListener("open", () => resolve(), { once: true });
    }), [...traced]);

    // Agent j posts at j * interval / N, then every interval: an even total rate, no bursts.
    const warmupS = 5;
    const acked = new Map<string, number>();
    const latency: number[] = [];
    const statuses = new Map<number, number>();
    const inflight = new Set<Promise<void>>();
    const perMs = o.agents.length / (o.intervalS * 1000);
    const chromiumPids = browserPids(process.pid);
    const [s0, p0, b0, c0] = [cpuSeconds([o.serverPid]), cpuSeconds(o.postgresPids()), cpuSeconds(chromiumPids), process.cpuUsage()];
    const t0 = performance.now();
    let sent = 0;
    while (performance.now() - t0 < (warmupS + o.seconds) * 1000) {
      for (const due = Math.floor((performance.now() - t0) * perMs); sent < due; sent++) {
        const agent = o.agents[sent % o.agents.length];
        if (!agent) continue;
        const counted = performance.now() - t0 >= warmupS * 1000;
        const p = (async () => {
          const req = await nextHeartbeat(agent);
          const started = performance.now();
          const res = await pool.request({ path: "/api/heartbeat", method: "POST", body: req.body, headers: { "content-type": "application/json", authorization: req.authorization } });
          await res.body.dump();
          const at = Date.now();
          if (!counted) return;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          latency.push(performance.now() - started);
          if (res.statusCode === 200 && traced.has(req.agentId)) acked.set(`${req.agentId}:${req.seq}`, at);
        })().catch(() => void statuses.set(0, (statuses.get(0) ?? 0) + 1)).finally(() => inflight.delete(p));
        inflight.add(p);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(inflight);
    const busyS = (performance.now() - t0) / 1000;
    const c1 = process.cpuUsage(c0);
    // Percent of one core over the phase; the machine's load average tells what else competed.
    const cpu = {
      serverPct: Math.round((100 * (cpuSeconds([o.serverPid]) - s0)) / busyS),
      postgresPct: Math.round((100 * (cpuSeconds(o.postgresPids()) - p0)) / busyS),
      loadGeneratorPct: Math.round((100 * (c1.user + c1.system)) / 1e6 / busyS),
      browserPct: Math.round((100 * (cpuSeconds(chromiumPids) - b0)) / busyS),
      loadAverage1m: +(loadavg()[0] ?? 0).toFixed(2),
    };
    await new Promise((r) => setTimeout(r, 5000)); // the last events on their way
    const rx = await page.evaluate(() => (window as unknown as { __bench: Received }).__bench);

    const firstSeen = new Map<string, number>();
    for (const [agentId, seq, at] of rx.heartbeats) if (!firstSeen.has(`${agentId}:${seq}`)) firstSeen.set(`${agentId}:${seq}`, at);
    const delays: number[] = [];
    for (const [key, ackAt] of acked) {
      const at = firstSeen.get(key);
      if (at !== undefined) delays.push(at - ackAt);
    }
    delays.sort((a, b) => a - b);
    latency.sort((a, b) => a - b);
    const r = (n: number) => +n.toFixed(1);
    const ok = statuses.get(200) ?? 0;
    return {
      page: o.page, agents: o.agents.length, intervalS: o.intervalS, seconds: o.seconds, tracedAgents: traced.size,
      heartbeats: { sent: [...statuses.values()].reduce((a, b) => a + b, 0), ok, statuses: Object.fromEntries(statuses), rps: Math.round(ok / o.seconds), p50: r(percentile(latency, 50)), p95: r(percentile(latency, 95)), max: r(latency.at(-1) ?? 0) },
      delayMs: { tracedAnswered200: acked.size, received: delays.length, lost: acked.size - delays.length, p50: r(percentile(delays, 50)), p95: r(percentile(delays, 95)), max: r(delays.at(-1) ?? 0), min: r(delays[0] ?? 0) },
      stream: { statusEventsOfTraced: rx.status, errors: rx.errors, resyncs: rx.resyncs },
      cpu,
    };
  } finally {
    await pool.close().catch(() => {});
    await browser.close();
  }
}
