// bench/kill-switch: N paired agents (1,000 by default) heartbeat every 30 s with their phases spread
// evenly, each simulating a gateway the way clawfleet drives a real one: it applies a delivered
// policy by setting its gateway's primary model to the policy's, reports that model read back as
// gateway.model, acknowledges clear_session_models, and reports early (1 s) after a change. Once all
// are steady, one POST /api/rotations over the team (the click); from its answer, how long until the
// server shows each agent confirmed (its gateway_model_since, through the rotation's view). Then
// Revert, timed the same way. Target: every agent within one interval plus 5 s. See README.md.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Pool } from "undici";
import { EARLY_REPORT_MS } from "../../cli/src/run-loop";
import { api, createPairedFleet, nextHeartbeat, type SimAgent } from "../heartbeat/agents";
import { percentile, startServer, stopServer } from "../lib/server";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const AGENTS = arg("agents", 1000);
const INTERVAL_S = arg("interval", 30);
const PORT = arg("port", 3460);
// What one config.patch took on the real gateway when the plugin was already there (a few hundred ms).
const APPLY_MS = arg("apply-ms", 300);
const TARGET_MS = (INTERVAL_S + 5) * 1000;
const ORIGINAL = "anthropic/claude-sonnet-4-5"; // the fleet policy's primary (bench/heartbeat/agents.ts)
const BACKUP = "openai/gpt-5-mini";

type Answer = { policy?: { version: number; model?: { primary?: string } }; commands: { id: string; type: string; args: Record<string, unknown> }[] };
type Ack = { commandId: string; status: "done" | "failed"; message: string };

/** One simulated host: clawfleet's state and its gateway's model and pinned sessions. */
class SimHost {
  model = ORIGINAL;
  pins = Math.floor(Math.random() * 4);
  acks: Ack[] = [];
  policyStatus: { version: number; status: "applied" } | undefined;
  beats = 0;
  errors = 0;
  private timer: NodeJS.Timeout | undefined;
  private nextAt = 0;
  private stopped = false;

  constructor(readonly agent: SimAgent, private readonly pool: Pool) {}

  start(phaseMs: number) {
    this.schedule(phaseMs);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number) {
    clearTimeout(this.timer);
    this.nextAt = Date.now() + delayMs;
    this.timer = setTimeout(() => void this.beat(), delayMs);
  }

  /** As clawfleet's loop: the next heartbeat comes sooner after a change, never later than planned. */
  private reportEarly() {
    if (!this.stopped && Date.now() + EARLY_REPORT_MS < this.nextAt) this.schedule(EARLY_REPORT_MS);
  }

  private async beat() {
    if (this.stopped) return;
    this.schedule(INTERVAL_S * 1000);
    const acks = this.acks;
    const req = await nextHeartbeat(this.agent, {
      gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy: true, rttMs: 2 + Math.random() * 5, version: "2026.9.6", model: this.model },
      acks,
      ...(this.policyStatus ? { policyStatus: this.policyStatus } : {}),
    });
    let answer: Answer;
    try {
      const res = await this.pool.request({ path: "/api/heartbeat", method: "POST", body: req.body, headers: { "content-type": "application/json", authorization: req.authorization } });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${text.slice(0, 200)}`);
      answer = JSON.parse(text) as Answer;
    } catch {
      this.errors += 1;
      return;
    }
    this.beats += 1;
    this.acks = this.acks.filter((a) => !acks.includes(a));
    let ran = false;
    for (const command of answer.commands) {
      if (this.acks.some((a) => a.commandId === command.id)) continue;
      ran = true;
      if (command.type === "clear_session_models") {
        const cleared = this.pins;
        this.pins = 0;
        this.acks.push({ commandId: command.id, status: "done", message: `cleared ${cleared} pinned session${cleared === 1 ? "" : "s"} (0 kept on ${String(command.args.keep)})` });
      } else this.acks.push({ commandId: command.id, status: "failed", message: "unsupported command" });
    }
    if (ran) this.reportEarly();
    const policy = answer.policy;
    if (policy && policy.version !== this.agent.policyVersion) {
      // config.patch on the gateway, then the model read back from its config.
      await new Promise((r) => setTimeout(r, APPLY_MS));
      if (policy.model?.primary) this.model = policy.model.primary;
      this.agent.policyVersion = policy.version;
      this.policyStatus = { version: policy.version, status: "applied" };
      this.reportEarly();
    }
  }
}

type View = { rotation: { counts: { confirmed: number; pending: number; failed: number; total: number }; pins: { done: number; pending: number; failed: number; cleared: number } }; agents: { id: string; gatewayModel: string | null; gatewayModelSince: string | null; confirmedAt: string | null }[] };

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), max: Math.round(sorted.at(-1) ?? Number.NaN) };
};

async function waitForAll(url: string, cookie: string, id: string, done: (view: View) => boolean, timeoutMs: number): Promise<View> {
  const until = Date.now() + timeoutMs;
  let view: View;
  do {
    await new Promise((r) => setTimeout(r, 2_000));
    view = (await api<View>(url, "GET", `/api/rotations/${id}`, undefined, cookie)).json;
  } while (!done(view) && Date.now() < until);
  return view;
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-kill-switch-"));
  const limits = { RATE_LIMIT_HEARTBEATS_PER_MINUTE: "1000000", RATE_LIMIT_API_PER_MINUTE: "1000000", RATE_LIMIT_PAIRING_PER_HOUR: "1000000" };
  const server = await startServer(PORT, { DATA_DIR: dataDir, ...limits });
  const pool = new Pool(server.url, { connections: 64, pipelining: 1 });
  const hosts: SimHost[] = [];
  let failedTarget = true;
  try {
    const t0 = performance.now();
    const { cookie, agents } = await createPairedFleet(server.url, AGENTS, { heartbeatIntervalS: INTERVAL_S });
    console.log(`paired ${AGENTS} agents in ${((performance.now() - t0) / 1000).toFixed(1)} s; heartbeats every ${INTERVAL_S} s, phases spread evenly`);
    for (const [i, agent] of agents.entries()) {
      const host = new SimHost(agent, pool);
      hosts.push(host);
      host.start((i * INTERVAL_S * 1000) / AGENTS);
    }
    // Steady: every agent has reported at least twice at its own phase.
    await new Promise((r) => setTimeout(r, INTERVAL_S * 1000 * 2 + 1_000));
    const unsteady = hosts.filter((h) => h.beats < 2).length;
    if (unsteady > 0) throw new Error(`${unsteady} agents did not heartbeat twice`);

    const pinned = hosts.reduce((n, h) => n + h.pins, 0);
    const clickStarted = Date.now();
    const { json: created } = await api<{ rotation: { id: string; agentCount: number } }>(server.url, "POST", "/api/rotations", { scope: { type: "team" }, backup: BACKUP, expectedAgents: AGENTS, note: "bench: provider outage" }, cookie);
    const answeredAt = Date.now();
    const id = created.rotation.id;
    const rotated = await waitForAll(server.url, cookie, id, (v) => v.rotation.counts.confirmed === AGENTS && v.rotation.pins.done === AGENTS, INTERVAL_S * 3 * 1000);
    const confirmMs = rotated.agents.flatMap((a) => (a.confirmedAt ? [Date.parse(a.confirmedAt) - answeredAt] : []));
    const within = confirmMs.filter((ms) => ms <= TARGET_MS).length;

    const revertStarted = Date.now();
    await api(server.url, "POST", `/api/rotations/${id}/revert`, {}, cookie);
    const revertAnsweredAt = Date.now();
    const reverted = await waitForAll(server.url, cookie, id, (v) => v.agents.every((a) => a.gatewayModel === ORIGINAL), INTERVAL_S * 3 * 1000);
    const revertMs = reverted.agents.flatMap((a) => (a.gatewayModel === ORIGINAL && a.gatewayModelSince ? [Date.parse(a.gatewayModelSince) - revertAnsweredAt] : []));
    const revertWithin = revertMs.filter((ms) => ms <= TARGET_MS).length;

    const result = {
      agents: AGENTS,
      intervalS: INTERVAL_S,
      targetMs: TARGET_MS,
      rotate: {
        clickMs: answeredAt - clickStarted,
        confirmed: rotated.rotation.counts.confirmed,
        failed: rotated.rotation.counts.failed,
        confirmMs: stats(confirmMs),
        withinTarget: within,
        pinsAcked: rotated.rotation.pins.done,
        sessionsCleared: rotated.rotation.pins.cleared,
        sessionsPinnedBefore: pinned,
      },
      revert: { clickMs: revertAnsweredAt - revertStarted, restored: revertMs.length, restoreMs: stats(revertMs), withinTarget: revertWithin },
      heartbeatErrors: hosts.reduce((n, h) => n + h.errors, 0),
    };
    console.log(JSON.stringify(result, null, 2));
    failedTarget = within !== AGENTS || rotated.rotation.pins.done !== AGENTS || rotated.rotation.pins.cleared !== pinned || revertWithin !== AGENTS;
    console.log(failedTarget ? `TARGET MISSED: ${within}/${AGENTS} confirmed within ${TARGET_MS / 1000} s` : `target met: all ${AGENTS} agents confirmed within ${TARGET_MS / 1000} s of the click's answer`);
  } finally {
    for (const h of hosts) h.stop();
    await pool.close();
    await stopServer(server);
  }
  process.exit(failedTarget ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
