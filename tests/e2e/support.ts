import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type RequestListener, type Server } from "node:http";
import path from "node:path";
import { SignJWT } from "jose";
import postgres from "postgres";
import type { APIRequestContext, Page } from "@playwright/test";

export const PASSWORD = "correct horse battery staple";
export type SimAgent = { id: string; key: KeyObject; seq: number };

/** JSON API calls as the signed-in browser (the page's cookies), with our Origin like the UI sends. */
export function apiAs(request: APIRequestContext, baseURL: string) {
  return async <T>(method: string, route: string, data?: unknown): Promise<T> => {
    const res = await request.fetch(route, { method, data, headers: { origin: baseURL } });
    if (!res.ok()) throw new Error(`${method} ${route}: ${res.status()} ${await res.text()}`);
    return (res.status() === 204 ? undefined : await res.json()) as T;
  };
}

/** Pairs a fresh Ed25519 key with the agent through the public protocol, as clawfleet does. */
export async function pair(api: ReturnType<typeof apiAs>, request: APIRequestContext, agentId: string): Promise<SimAgent> {
  const { code } = await api<{ code: string }>("POST", `/api/agents/${agentId}/pairing-codes`);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const jwk = publicKey.export({ format: "jwk" });
  const res = await request.post("/api/agents/pair", { data: { code, publicKeyJwk: { kty: "OKP", crv: "Ed25519", x: jwk.x }, host: { hostname: "e2e-host", os: "linux", arch: "x64" } } });
  if (!res.ok()) throw new Error(`pair: ${res.status()}`);
  return { id: agentId, key: privateKey, seq: 0 };
}

/** Posts the agent's next signed heartbeat (with `extra` fields: usage, acks…); resolves with the server's answer once committed (200). */
export async function beat(request: APIRequestContext, agent: SimAgent, metrics: Partial<Record<"cpuPct" | "memUsedPct", number>> = {}, healthy = true, extra: Record<string, unknown> = {}) {
  agent.seq += 1;
  const body = JSON.stringify({
    seq: agent.seq,
    sentAt: new Date().toISOString(),
    status: healthy ? "ok" : "degraded",
    gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy, rttMs: 12.5, version: "2026.9.6" },
    host: { hostname: "e2e-host", os: "linux", arch: "x64", uptimeS: 3600 },
    metrics: { cpuPct: 21, memUsedPct: 48, memPressurePct: 0.5, diskReadBps: 2048, diskWriteBps: 4096, load1: 0.4, ...metrics },
    ...extra,
  });
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ body_sha256: createHash("sha256").update(body).digest("base64url") })
    .setProtectedHeader({ alg: "EdDSA" }).setSubject(agent.id).setAudience("clawfleet").setIssuedAt(now).setExpirationTime(now + 60).setJti(randomUUID())
    .sign(agent.key);
  const res = await request.post("/api/heartbeat", { data: body, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
  if (res.status() !== 200) throw new Error(`heartbeat: ${res.status()} ${await res.text()}`);
  return (await res.json()) as { commands: { id: string; type: string; args: Record<string, unknown> }[] };
}

/** The e2e server's embedded PostgreSQL (DATA_DIR .data/e2e), for seeding history no agent could send in a test's time. */
export function e2eDatabase() {
  const dir = path.resolve(".data/e2e");
  const port = readFileSync(path.join(dir, "postgres", "postmaster.pid"), "utf8").split("\n")[3]?.trim();
  const password = readFileSync(path.join(dir, "postgres-password"), "utf8").trim();
  return postgres(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
}

/** A day of 30-second history for one agent: CPU rising through the day, so zooming visibly changes the chart. */
export async function seedDay(agentId: string) {
  const sql = e2eDatabase();
  try {
    const [agent] = await sql<{ team_id: string }[]>`select team_id from agents where id = ${agentId}`;
    await sql`
      insert into heartbeats (team_id, agent_id, received_at, seq, status, gateway_healthy, gateway_rtt_ms, cpu_pct, mem_used_pct, mem_pressure_pct, disk_read_bps, disk_write_bps, load1)
      select ${agent?.team_id ?? ""}, ${agentId}, t, 0, 'ok', true, 10 + 5 * random(), 10 + 60 * extract(epoch from t - (now() - interval '1 day')) / 86400,
        40 + 10 * random(), random(), 1000 * random(), 2000 * random(), random()
      from generate_series(now() - interval '1 day', now() - interval '1 minute', interval '30 seconds') as t`;
  } finally {
    await sql.end();
  }
}

/** A local HTTP server on a free loopback port (stand-ins for Slack, a gateway's /health…). */
export async function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` };
}

/** Stands in for an OpenClaw gateway's /health (the gateway itself is a separate product). */
export function gatewayStandIn(): Promise<{ server: Server; url: string }> {
  return listen((req, res) => {
    res.writeHead(req.url === "/health" ? 200 : 404, { "content-type": "application/json" }).end('{"ok":true,"status":"live"}');
  });
}

/** Polls `probe` every half second until it answers something other than undefined. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** One model's usage today as a gateway reports it in a heartbeat's `usageDaily` (cumulative for the day). */
export function usageToday(over: Record<string, unknown>) {
  return { day: new Date().toISOString().slice(0, 10), provider: "", inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, missingCostEntries: 0, calls: 1, ...over };
}

/**
 * Collects Content-Security-Policy violations on a page: Chromium reports each one on the console
 * ("Refused to … because it violates the following Content Security Policy directive …").
 */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text)) violations.push(`${page.url()}: ${text.slice(0, 300)}`);
  });
  return violations;
}

export { stopChild } from "../helpers/real-gateway";

/** The environment for a real gateway and agent in a scratch HOME: none of the runner's OpenClaw settings. */
export function scratchGatewayEnv(home: string, openclaw: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_BIN: openclaw };
  for (const key of Object.keys(env)) if (key.startsWith("OPENCLAW_") && key !== "OPENCLAW_BIN") delete env[key];
  return env;
}
