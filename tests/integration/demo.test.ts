import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Agent } from "@/lib/schemas/agents";
import type { Command } from "@/lib/schemas/commands";
import { openSession, type ApiSession } from "@/scripts/demo/api";
import { seededRandom } from "@/scripts/demo/behaviour";
import { planAgents } from "@/scripts/demo/fleet-setup";
import { startDemoFleet, type DemoFleet } from "@/scripts/demo/simulator";
import { startServer, stopServer, type BenchServer } from "../../bench/lib/server";
import { uniqueEmail } from "../helpers/api";

// `npm run demo`'s fleet against the production server (scripts/start.mjs) on the test database:
// pairing, signed heartbeats and command acknowledgements all go over real HTTP.
const PORT = 3521;

describe("demo fleet", () => {
  const login = { email: uniqueEmail("demo"), password: "demo password 1" };
  const lines: string[] = [];
  let dataDir = "";
  let server: BenchServer | undefined;
  let fleet: DemoFleet | undefined;
  let api: ApiSession;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "fleet-demo-"));
    const url = `http://127.0.0.1:${PORT}`;
    server = await startServer(PORT, { DATABASE_URL: inject("databaseUrl"), DATA_DIR: dataDir, APP_URL: url });
    fleet = await startDemoFleet({ url, login, agents: 3, log: (line) => lines.push(line), random: seededRandom(5) });
    api = await openSession(url, login);
  }, 600_000);

  afterAll(async () => {
    fleet?.stop();
    if (server) await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  });

  const agentIds = () => fleet?.agents.map((a) => a.id) ?? [];

  it("pairs every agent through the public API and brings it online", async () => {
    expect(fleet?.live).toBe(3);
    expect(lines).toContain("paired 3 agents in 3 fleets (3 new) with fresh Ed25519 keys");
    const { agents } = await api.request<{ agents: Agent[] }>("GET", "/api/agents?limit=200");
    expect(agents.map((a) => a.name).sort()).toEqual(planAgents(3).map((p) => p.name).sort());
    for (const agent of agents) {
      expect(agent).toMatchObject({ paired: true, status: "online" });
      expect(agent.gateway?.rttMs).toBeGreaterThan(0);
      expect(agent.metrics?.cpuPct).toBeGreaterThan(0);
    }
  });

  it("stores its signed heartbeats, with increasing seq and usage per model", async () => {
    const sql = await db();
    const history = async () =>
      sql<{ agent_id: string; beats: number; max_seq: number }[]>`
        select agent_id, count(*)::int as beats, max(seq)::int as max_seq from heartbeats
        where agent_id in ${sql(agentIds())} group by agent_id`;
    await expect.poll(async () => (await history()).filter((h) => h.beats >= 2).length, { timeout: 30_000, interval: 500 }).toBe(3);
    for (const h of await history()) expect(h.max_seq).toBe(h.beats);
    const [usage] = await sql<{ models: number; cost: number }[]>`
      select count(distinct model)::int as models, coalesce(sum(cost_usd), 0)::float8 as cost from usage_hourly where agent_id in ${sql(agentIds())}`;
    expect(usage?.models).toBeGreaterThan(0);
    expect(usage?.cost).toBeGreaterThan(0);
  }, 60_000);

  it("acknowledges a queued restart with its next heartbeat", async () => {
    const [id] = agentIds();
    if (!id) throw new Error("no agents");
    const { command } = await api.request<{ command: Command }>("POST", `/api/agents/${id}/commands`, { type: "restart", args: {} });
    expect(command.status).toBe("pending");
    const state = async () => (await api.request<{ commands: Command[] }>("GET", `/api/agents/${id}/commands`)).commands.find((c) => c.id === command.id);
    await expect.poll(state, { timeout: 30_000, interval: 500 }).toMatchObject({ status: "done", resultMessage: "gateway restarted" });
    expect(lines.some((l) => l.endsWith("restart received, gateway restarted"))).toBe(true);
  }, 60_000);
});
