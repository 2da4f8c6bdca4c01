import { execFile, execFileSync, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `clawfleet discover` and `pair` against the real OpenClaw gateway, advertising itself over mDNS
// with its own bonjour plugin, inside network namespaces made here: real multicast on a loopback
// that reaches nothing else. Needs root and iproute2's `ip`.

const run = promisify(execFile);
const CLI = path.resolve("cli/bin.mjs");
const NS = `clawfleet-gw-${process.pid}`;
const EMPTY_NS = `clawfleet-empty-${process.pid}`;
// Any port is free in a namespace made for this file.
const PORT = 18_799;
// The gateway advertises the machine's name as displayName (OPENCLAW_MDNS_HOSTNAME only sets its .local host).
const MACHINE = os.hostname().trim().replace(/\.local$/i, "") || "openclaw";
const started: ChildProcess[] = [];
type Env = Record<string, string>;
let home = "";
let openclaw = "";

function requireRootAndIp(): void {
  if (process.getuid?.() !== 0) throw new Error("cli-discover needs root to make network namespaces (ip netns add): run the tests as root");
  try {
    execFileSync("ip", ["-V"], { stdio: "ignore" });
  } catch {
    throw new Error("cli-discover needs the ip command: apt-get install iproute2");
  }
}

async function makeNamespace(name: string): Promise<void> {
  await run("ip", ["netns", "add", name]);
  await run("ip", ["-n", name, "link", "set", "lo", "up"]);
  await run("ip", ["-n", name, "link", "set", "lo", "multicast", "on"]);
  await run("ip", ["-n", name, "route", "add", "224.0.0.0/4", "dev", "lo"]);
}

/** Starts `command` inside `ns`; resolves once its output contains `ready`. */
function startIn(ns: string, command: string[], env: NodeJS.ProcessEnv, ready: string, timeoutMs: number): Promise<ChildProcess> {
  const child = spawn("ip", ["netns", "exec", ns, ...command], { env, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command.join(" ")} not ready after ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes(ready)) return;
      clearTimeout(timer);
      resolve(child);
    };
    child.stdout?.on("data", seen);
    child.stderr?.on("data", seen);
    child.once("exit", (code) => reject(new Error(`${command.join(" ")} exited (${code}):\n${output.slice(-2000)}`)));
  });
}

/** This process's environment without Vitest's variables: under them openclaw prints nothing and advertises nothing. */
function plainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key === "OPENCLAW_BIN") delete env[key];
  return env;
}

/** Runs the CLI from its sources inside `ns`; never throws, answers the exit code and output. */
async function clawfleet(ns: string, args: string[], env: Env = {}) {
  return run("ip", ["netns", "exec", ns, process.execPath, CLI, ...args], { env: { ...plainEnv(), ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

async function removeNamespace(name: string): Promise<void> {
  // Whatever this file started inside (the gateway's helpers) goes with it.
  const { stdout } = await run("ip", ["netns", "pids", name]).catch(() => ({ stdout: "" }));
  for (const pid of stdout.split(/\s+/).filter(Boolean)) process.kill(Number(pid), "SIGKILL");
  await run("ip", ["netns", "delete", name]).catch(() => undefined);
}

beforeAll(async () => {
  requireRootAndIp();
  openclaw = execFileSync(process.execPath, ["scripts/install-openclaw.mjs"], { encoding: "utf8" }).trim();
  await makeNamespace(NS);
  await makeNamespace(EMPTY_NS);
  home = await mkdtemp(path.join(os.tmpdir(), "clawfleet-discover-gw-"));
  await mkdir(path.join(home, ".openclaw"));
  // Bonjour is opt-in on Linux, and off in containers unless forced on.
  await writeFile(path.join(home, ".openclaw", "openclaw.json"), JSON.stringify({ plugins: { entries: { bonjour: { enabled: true } } } }));
  await startIn(
    NS,
    [openclaw, "gateway", "--allow-unconfigured", "--dev", "--port", String(PORT), "--bind", "loopback"],
    { ...plainEnv(), HOME: home, OPENCLAW_DISABLE_BONJOUR: "0", OPENCLAW_MDNS_HOSTNAME: "clawfleet-test-gw" },
    "bonjour: advertised",
    180_000,
  );
  // Right after start-up the gateway may be too busy to answer /health within a probe's time-out.
  const health = `fetch("http://127.0.0.1:${PORT}/health").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;
  for (let i = 0; i < 60; i += 1) {
    if (await run("ip", ["netns", "exec", NS, process.execPath, "-e", health]).then(() => true, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 240_000);

afterAll(async () => {
  for (const child of started.reverse()) await stop(child);
  await removeNamespace(NS);
  await removeNamespace(EMPTY_NS);
  if (home) await rm(home, { recursive: true, force: true });
}, 60_000);

interface Listed {
  gateways: { address: string; port: number; url: string; name: string | null; sources: string[]; reachable: boolean; healthy: boolean; rttMs: number | null; version: string | null }[];
  warnings: string[];
}

describe("clawfleet discover", () => {
  it("finds the real gateway on a loopback port given with --port", async () => {
    const result = await clawfleet(NS, ["discover", "--port", String(PORT), "--timeout", "2", "--json"]);
    expect(result.code).toBe(0);
    const { gateways } = JSON.parse(result.stdout) as Listed;
    const gateway = gateways.find((g) => g.port === PORT);
    expect(gateway).toMatchObject({ address: "127.0.0.1", url: `http://127.0.0.1:${PORT}`, reachable: true, healthy: true });
    expect(gateway?.sources).toContain("port");
    expect(gateway?.rttMs).toBeGreaterThan(0);
    // Neither /health ({"ok":true,"status":"live"}) nor the TXT record tells the version.
    expect(gateway?.version).toBeNull();
  });

  it("finds it by its mDNS advertisement, with the name from its TXT record", async () => {
    const result = await clawfleet(NS, ["discover", "--json"]);
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout) as Listed;
    expect(listed.gateways).toEqual([expect.objectContaining({ address: "127.0.0.1", port: PORT, name: MACHINE, sources: ["mdns"], reachable: true, healthy: true })]);
    expect(listed.warnings.filter((w) => w.startsWith("mDNS"))).toEqual([]);
    const text = await clawfleet(NS, ["discover", "--timeout", "2"]);
    expect(text.stdout).toMatch(new RegExp(`^ADDRESS +PORT +NAME +HEALTH +VERSION +FOUND BY\\n127\\.0\\.0\\.1 +${PORT} +${MACHINE} +healthy, [\\d.]+ ms +- +mdns\\n$`));
  });

  it("finds nothing on an empty network, and returns once the time-out is over", async () => {
    const startup = performance.now();
    await clawfleet(EMPTY_NS, ["--version"]);
    const startupMs = performance.now() - startup;
    const begun = performance.now();
    // The real openclaw takes part too: on Linux it needs avahi-daemon, absent here, so it lists nothing.
    const result = await clawfleet(EMPTY_NS, ["discover", "--timeout", "2", "--json"], { OPENCLAW_BIN: openclaw });
    const elapsedMs = performance.now() - begun;
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout) as Listed;
    expect(listed.gateways).toEqual([]);
    for (const warning of listed.warnings) expect(warning).toMatch(/gateway discover gave no answer within 3\.0 s/);
    // 2 s of listening, at most 1 s more for a slow openclaw, plus the CLI's own start-up.
    expect(elapsedMs).toBeLessThan(startupMs + 3_500);
    expect(elapsedMs).toBeGreaterThan(2_000);
  });
});

describe("clawfleet pair without --gateway", () => {
  it("takes the lone gateway found on this host", async () => {
    const fleet = `require("node:http").createServer((req, res) => res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ agentId: "a1", fleetId: "f1", heartbeatIntervalS: 30 }))).listen(18_800, "127.0.0.1", () => console.log("listening"));`;
    await startIn(NS, [process.execPath, "-e", fleet], process.env, "listening", 10_000);
    const config = path.join(home, "lone.json");
    const result = await clawfleet(NS, ["pair", "--url", "http://127.0.0.1:18800", "--code", "ABCD-EFGH-JKLM", "--config", config, "--json"]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toMatchObject({ agentId: "a1", gatewayUrl: `http://127.0.0.1:${PORT}`, gatewaySource: "found" });
  });

  it("refuses to pick one of several without a terminal, and records the default when there are none", async () => {
    const ciao = path.join(path.dirname(openclaw), "node_modules", "@homebridge", "ciao");
    const responder = `const { getResponder } = require(${JSON.stringify(ciao)});
      const svc = getResponder().createService({ name: "second (OpenClaw)", type: "openclaw-gw", port: 19999, hostname: "clawfleet-second",
        txt: { role: "gateway", displayName: "second", gatewayPort: "19999", transport: "gateway" } });
      svc.advertise().then(() => console.log("advertised"));`;
    await startIn(NS, [process.execPath, "-e", responder], process.env, "advertised", 15_000);
    const several = await clawfleet(NS, ["pair", "--url", "http://127.0.0.1:18800", "--code", "ABCD-EFGH-JKLM", "--config", path.join(home, "several.json")]);
    expect(several.code).toBe(2);
    expect(several.stderr).toBe(`clawfleet: several gateways found: 127.0.0.1:${PORT} (${MACHINE}), 127.0.0.1:19999 (second); pass --gateway URL\n`);

    const none = await clawfleet(EMPTY_NS, ["pair", "--url", "http://127.0.0.1:18801", "--code", "ABCD-EFGH-JKLM", "--config", path.join(home, "none.json")]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no OpenClaw gateway found: recording http://127.0.0.1:18789, the default (pass --gateway URL to change it)\n");
  });
});
