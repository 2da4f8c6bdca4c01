// `npm run demo`: the production server with its data in .data/demo, a demo account, and a fleet
// of simulated OpenClaw hosts pairing and sending signed heartbeats through the public protocol.
// Options: --agents=N (default 25), --port=P (default 3000); HOSTNAME as for `npm start`.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseEnv } from "../lib/env";
import { ApiError, type DemoLogin } from "./demo/api";
import { startDemoFleet } from "./demo/simulator";
import { plural } from "@/lib/format";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data", "demo");
const loginFile = path.join(dataDir, "demo-login.json");
const DEMO_EMAIL = "demo@openclaw-fleet.local";

const log = (line: string) => console.log(`[demo ${new Date().toTimeString().slice(0, 8)}] ${line}`);

function options() {
  const { values } = parseArgs({ options: { agents: { type: "string", default: "25" }, port: { type: "string", default: "3000" } } });
  const agents = Number(values.agents);
  const port = Number(values.port);
  if (!Number.isInteger(agents) || agents < 1 || agents > 1000) throw new Error("--agents takes a whole number from 1 to 1000");
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error("--port takes a port number");
  return { agents, port, hostname: process.env.HOSTNAME || "127.0.0.1" };
}

/** The demo's log-in, generated on the first run and kept beside its data (mode 0600). */
async function demoLogin(): Promise<DemoLogin> {
  await mkdir(dataDir, { recursive: true });
  const saved = await readFile(loginFile, "utf8").then((t) => JSON.parse(t) as Partial<DemoLogin>, () => null);
  if (typeof saved?.email === "string" && typeof saved.password === "string") return { email: saved.email, password: saved.password };
  const login = { email: DEMO_EMAIL, password: randomBytes(12).toString("base64url") };
  await writeFile(loginFile, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  await chmod(loginFile, 0o600);
  return login;
}

/** Refuses a port already taken: health checks would otherwise reach that other server. */
function assertPortFree(hostname: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === "EADDRINUSE" ? `port ${port} is in use (is npm start running?); pick another with --port` : e.message)),
    );
    probe.listen(port, hostname, () => probe.close(() => resolve()));
  });
}

async function waitForHealth(url: string, server: ChildProcess, signal: AbortSignal): Promise<boolean> {
  while (!signal.aborted && server.exitCode === null && server.signalCode === null) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main(): Promise<number> {
  const { agents, port, hostname } = options();
  await assertPortFree(hostname, port);
  // Always the embedded database in .data/demo, whatever a production environment sets.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOSTNAME: hostname };
  delete env.DATABASE_URL;
  delete env.APP_URL;
  env.RATE_LIMIT_PAIRING_PER_HOUR ||= String(Math.max(60, agents * 4));
  // A bad setting stops the demo before it writes or starts anything, as it stops `npm start`.
  try {
    parseEnv(env);
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n\nNot started: fix the settings named above (README, "Settings").\n`);
    return 1;
  }
  const login = await demoLogin();
  const host = ["0.0.0.0", "::"].includes(hostname) ? "127.0.0.1" : hostname.includes(":") ? `[${hostname}]` : hostname;
  const url = `http://${host}:${port}`;

  log(`starting the server on ${url} with its data in ${path.relative(root, dataDir)}/`);
  const server = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], { cwd: root, env, stdio: "inherit" });
  const exited = new Promise<number>((resolve) => server.once("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1))));
  const abort = new AbortController();
  let stopping = false;
  const shutdown = () => {
    if (stopping) process.exit(130);
    stopping = true;
    log("stopping the agents and the server…");
    abort.abort();
    server.kill("SIGINT");
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  void exited.then(() => abort.abort());

  if (await waitForHealth(url, server, abort.signal)) {
    try {
      const fleet = await startDemoFleet({ url, login, agents, log, signal: abort.signal });
      if (!abort.signal.aborted) printWelcome(url, login, fleet.live, fleet.agents.length);
    } catch (error) {
      if (stopping) return 0;
      const reset = error instanceof ApiError && error.status === 409 ? " (delete .data/demo to start the demo afresh)" : "";
      log(`setting up the demo failed: ${error instanceof Error ? error.message : String(error)}${reset}`);
      shutdown();
      await exited;
      return 1;
    }
  }
  const code = await exited;
  return stopping ? 0 : code || 1;
}

function printWelcome(url: string, login: DemoLogin, live: number, total: number): void {
  console.log(
    [
      "",
      `  OpenClaw Fleet demo: ${live} of ${plural(total, "agent")} live, heartbeats every 5 to 10 s.`,
      "",
      `    Open       ${url}/login`,
      `    E-mail     ${login.email}`,
      `    Password   ${login.password}`,
      "",
      `  The log-in is kept in ${path.relative(root, loginFile)}; delete .data/demo to start over.`,
      "  Ctrl+C stops the agents and the server.",
      "",
    ].join("\n"),
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
