import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HeartbeatBody } from "@/lib/schemas/heartbeat";
import { buildHeartbeat } from "@/cli/src/heartbeat-body";
import { listPlugins, startPlugins } from "@/cli/src/plugins";
import type { PluginRunner } from "@/cli/src/plugins";
import { execPlugin, pluginEnv } from "@/cli/src/plugins-exec";
import { parsePluginOutput } from "@/cli/src/plugins-output";

// Real plugins in a temporary directory: Python, a Node.js module, shell scripts; each run as a child process.

let dir: string;
let runners: PluginRunner[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clawfleet-plugins-"));
});
afterEach(async () => {
  for (const r of runners) r.stop();
  runners = [];
  await rm(dir, { recursive: true, force: true });
});

async function plugin(name: string, text: string, mode = 0o755): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  await chmod(file, mode);
  return file;
}

function start(options: Partial<Parameters<typeof startPlugins>[0]> = {}): PluginRunner {
  const runner = startPlugins({ dir, intervalMs: 60_000, timeoutMs: 2_000, ...options });
  runners.push(runner);
  return runner;
}

/** Alive and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

const PYTHON = `#!/usr/bin/env python3
import json
print(json.dumps({"metrics": {"queue_length": 12, "db_connections": 40, "healthy": True, "mode": "primary"}}))
`;
const MJS = `const depth = [1, 2, 3].reduce((a, b) => a + b, 0);
process.stdout.write(JSON.stringify({ metrics: { js_depth: depth, js_ratio: 0.25 } }));
`;
const PROMETHEUS = `#!/bin/sh
cat <<'EOF'
# HELP queue_depth Jobs waiting.
# TYPE queue_depth gauge
queue_depth{queue="mail"} 3
queue_depth{queue="sms",region="eu west"} 7 1700000000000
workers_busy 4
temperature_celsius -3.5e0
EOF
`;

describe("plugin output", () => {
  it("reads JSON metrics and Prometheus text, flattening labels into the name", () => {
    expect(Object.fromEntries(parsePluginOutput('{"metrics": {"a": 1, "b.c": false, "d": "x"}}').values)).toEqual({ a: 1, "b.c": false, d: "x" });
    const prom = parsePluginOutput('# c\nup 1\nhttp_requests_total{code="200",method="get"} 10\nlatency_bucket{le="+Inf"} 5\nrecording:rule:rate5m 2\nempty{l=""} 9\n');
    expect(Object.fromEntries(prom.values)).toEqual({ up: 1, "http_requests_total.200.get": 10, "latency_bucket._Inf": 5, recording_rule_rate5m: 2, empty: 9 });
    expect(prom.problems).toEqual([]);
  });

  it("drops invalid names and values with a problem each, keeping the rest", () => {
    const parsed = parsePluginOutput(JSON.stringify({ metrics: { ok_one: 1, "bad key": 2, [`k${"x".repeat(64)}`]: 3, nested: { a: 1 }, none: null, text: "é", long: "x".repeat(201) } }));
    expect(Object.fromEntries(parsed.values)).toEqual({ ok_one: 1 });
    expect(parsed.problems).toHaveLength(6);
    expect(parsePluginOutput("up NaN\nhello world\n}{").problems).toEqual(['"up": NaN is not a finite number', '"hello": world is not a finite number', "line 3 is not a sample"]);
    expect(parsePluginOutput("{not json").problems).toEqual(["output is not valid JSON"]);
    expect(parsePluginOutput('{"queue": 1}').problems).toEqual(['JSON output needs a "metrics" object']);
    expect(parsePluginOutput("  \n").problems).toHaveLength(1);
  });
});

describe("plugin runner", () => {
  it("runs a Python plugin, a .mjs module and a Prometheus shell plugin into one custom map", async () => {
    await plugin("queue.py", PYTHON);
    await plugin("depth.mjs", MJS, 0o644); // a module needs no exec bit: it runs under this Node.js
    await plugin("prom.sh", PROMETHEUS);
    await plugin("README.md", "not a plugin", 0o644);
    await plugin(".hidden", "#!/bin/sh\necho 'hidden 1'\n");
    expect(await listPlugins(dir)).toEqual(["depth.mjs", "prom.sh", "queue.py"]);
    const runner = start();
    await runner.firstRound;
    const { custom, reports } = runner.latest();
    expect(custom).toEqual({
      js_depth: 6, js_ratio: 0.25,
      "queue_depth.mail": 3, "queue_depth.sms.eu_west": 7, workers_busy: 4, temperature_celsius: -3.5,
      queue_length: 12, db_connections: 40, healthy: true, mode: "primary",
    });
    expect(reports.map((r) => [r.name, r.ok, r.error])).toEqual([["depth.mjs", true, undefined], ["prom.sh", true, undefined], ["queue.py", true, undefined]]);
    for (const r of reports) expect(r.durationMs).toBeGreaterThan(0);
    // What the heartbeat carries passes the server's own schema.
    const body = buildHeartbeat({ seq: 1, gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy: true, rttMs: 1 }, metrics: {}, policyVersion: 0, acks: [], custom, plugins: reports });
    const parsed = HeartbeatBody.parse(JSON.parse(JSON.stringify(body)));
    expect(parsed.custom).toEqual(custom);
    expect(parsed.plugins).toEqual(reports);
  });

  it("kills a plugin that hangs at its time-out, with what it started, without holding up the others", async () => {
    const pidFile = path.join(dir, "pids");
    await plugin("hang.sh", `#!/bin/sh\nsleep 30 &\necho "$$ $!" > ${pidFile}\nwait\n`);
    await plugin("fast.sh", "#!/bin/sh\necho 'fast 1'\n");
    const runner = start({ timeoutMs: 1_500 });
    while (!("fast" in runner.latest().custom)) await new Promise((r) => setTimeout(r, 20));
    const asked = performance.now();
    expect(runner.latest().reports.map((r) => r.name)).toEqual(["fast.sh"]); // the hanging one has no result yet
    expect(performance.now() - asked).toBeLessThan(50); // latest() answers at once
    await runner.firstRound;
    const hang = runner.latest().reports.find((r) => r.name === "hang.sh");
    expect(hang).toMatchObject({ ok: false, error: "timed out after 1.5 s (killed)" });
    expect(hang?.durationMs).toBeGreaterThanOrEqual(1_500);
    expect(hang?.durationMs).toBeLessThan(2_500);
    const pids = (await readFile(pidFile, "utf8")).trim().split(" ").map(Number);
    for (const pid of pids) expect(alive(pid), `pid ${pid}`).toBe(false);
  });

  it("reports garbage output and a non-zero exit with their errors, and drops their values", async () => {
    await plugin("garbage.sh", "#!/bin/sh\necho 'this is not a metric!'\n");
    await plugin("exit1.py", '#!/usr/bin/env python3\nimport sys\nprint(\'{"metrics": {"lost": 1}}\')\nsys.stderr.write("database unreachable\\n")\nsys.exit(1)\n');
    await plugin("mixed.sh", `#!/bin/sh\necho '{"metrics": {"good": 1, "bad key": 2, "worse": [1]}}'\n`);
    const runner = start();
    await runner.firstRound;
    const { custom, reports } = runner.latest();
    expect(custom).toEqual({ good: 1 });
    expect(reports).toEqual([
      expect.objectContaining({ name: "exit1.py", ok: false, error: "exit code 1: database unreachable" }),
      expect.objectContaining({ name: "garbage.sh", ok: false, error: "line 1 is not a sample" }),
      expect.objectContaining({ name: "mixed.sh", ok: false, error: expect.stringMatching(/^"bad key": .*; "worse": /) }),
    ]);
  });

  it("stops a plugin that prints more than 64 KiB", async () => {
    await plugin("flood.py", '#!/usr/bin/env python3\nimport sys\nsys.stdout.write("x " * 40000)\nsys.stdout.flush()\n');
    await plugin("endless.sh", "#!/bin/sh\nyes 'spam 1'\n");
    const runner = start();
    await runner.firstRound;
    expect(runner.latest().reports).toEqual([
      expect.objectContaining({ name: "endless.sh", ok: false, error: "printed more than 64 KiB (killed)" }),
      expect.objectContaining({ name: "flood.py", ok: false, error: "printed more than 64 KiB (killed)" }),
    ]);
    expect(runner.latest().custom).toEqual({});
  });

  it("keeps the agent's secrets and settings out of a plugin's environment", async () => {
    const envFile = path.join(dir, "env.json");
    await plugin("env.py", `#!/usr/bin/env python3\nimport json, os\njson.dump(dict(os.environ), open(${JSON.stringify(envFile)}, "w"))\nprint('{"metrics": {}}')\n`);
    const env = {
      PATH: process.env.PATH, HOME: "/home/agent", LANG: "C.UTF-8", PLUGIN_REGION: "eu-west",
      FLEET_API_TOKEN: "t", GITHUB_TOKEN: "t", AWS_SECRET_ACCESS_KEY: "s", DB_PASSWORD: "p", MYSQL_PASSWD: "p", SSH_PRIVATE_KEY: "k",
      apiKey: "k", GOOGLE_APPLICATION_CREDENTIALS: "/c.json", HTTP_AUTHORIZATION: "Bearer x", CLAWFLEET_CONFIG: "/etc/agent.json", CLAWFLEET_URL: "https://x",
    };
    const runner = start({ env });
    await runner.firstRound;
    expect(runner.latest().reports).toEqual([expect.objectContaining({ name: "env.py", ok: true })]);
    const seen = JSON.parse(await readFile(envFile, "utf8")) as Record<string, string>;
    expect(Object.keys(seen).filter((k) => k in env).sort()).toEqual(["HOME", "LANG", "PATH", "PLUGIN_REGION"]);
    expect(Object.keys(pluginEnv({ SESSION_SECRET: "x", Auth_Header: "y", EDITOR: "vi" }))).toEqual(["EDITOR"]);
  });

  it("runs every interval, reads the directory again each round, and stops", async () => {
    const counter = path.join(dir, "count");
    await plugin("count.sh", `#!/bin/sh\necho x >> ${counter}\nn=$(wc -l < ${counter})\necho "runs $n"\n`);
    const runner = start({ intervalMs: 150 });
    await runner.firstRound;
    await plugin("late.sh", "#!/bin/sh\necho 'late 1'\n");
    await new Promise((r) => setTimeout(r, 500));
    const { custom } = runner.latest();
    expect(custom.runs).toBeGreaterThanOrEqual(3);
    expect(custom.late).toBe(1);
    runner.stop();
    const stoppedAt = (await readFile(counter, "utf8")).split("\n").length;
    await new Promise((r) => setTimeout(r, 400));
    expect((await readFile(counter, "utf8")).split("\n").length).toBe(stoppedAt);
  });

  it("gives a name reported by two plugins to the first, and keeps at most 50 values", async () => {
    await plugin("a.sh", "#!/bin/sh\necho 'shared 1'\n");
    await plugin("b.sh", `#!/bin/sh\necho 'shared 2'\nfor i in $(seq 1 60); do echo "m_$i $i"; done\n`);
    const runner = start();
    await runner.firstRound;
    const { custom, reports } = runner.latest();
    expect(custom.shared).toBe(1);
    expect(Object.keys(custom)).toHaveLength(50);
    expect(reports[1]?.error).toBe('"shared" is already reported by a.sh; 11 value(s) dropped: at most 50 custom values per heartbeat');
  });

  it("answers no plugins for a missing directory, and reports a file it cannot run", async () => {
    const missing = start({ dir: path.join(dir, "nope") });
    await missing.firstRound;
    expect(missing.latest()).toEqual({ custom: {}, reports: [] });
    await mkdir(path.join(dir, "sub"));
    await plugin("noshebang", "echo 'x 1'\n");
    const result = await execPlugin(path.join(dir, "missing-interpreter"), { timeoutMs: 1_000 });
    expect(result).toMatchObject({ ok: false });
    expect(await listPlugins(dir)).toEqual(["noshebang"]);
  });
});
