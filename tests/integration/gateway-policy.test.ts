import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGatewayDevice } from "@/cli/src/gateway-device";
import { GatewayRpc } from "@/cli/src/gateway-rpc";
import type { HeartbeatBody } from "@/cli/src/heartbeat-body";
import { runOnce } from "@/cli/src/run-once";
import { GuardReport, PolicyStatusReport } from "@/lib/schemas/policy-document";
import { freeGatewayPort } from "../helpers/gateway-port";
import { startOpenAiStandIn, type StandIn } from "../helpers/openai-standin";

// The agent applying delivered policies to the real OpenClaw gateway (openclaw@2026.9.6 on Node 24,
// .tools/ by scripts/install-openclaw.mjs) and the clawfleet plugin enforcing them: tools invoked
// through the gateway's own `tools.invoke`, real agent turns against a local model stand-in (1,200
// prompt and 300 completion tokens a call, priced at $3 and $15 per million: $0.0081 a turn).
// A small heartbeat stand-in delivers the policies, as the server's heartbeat answer will.

const run = promisify(execFile);
const TOKEN = "policy-it-gateway-token-0123456789";
const TURN_USD = (1200 * 3 + 300 * 15) / 1e6;

let openclaw = "";
let home = "";
let port = 0;
let gateway: ChildProcess | undefined;
let model: StandIn | undefined;
let fleet: Server | undefined;
let rpc: GatewayRpc | undefined;
const bodies: HeartbeatBody[] = [];
let delivered: Record<string, unknown> | undefined;
let agentConfig = "";
const savedEnv = { OPENCLAW_CONFIG_PATH: process.env.OPENCLAW_CONFIG_PATH, OPENCLAW_GATEWAY_TOKEN: process.env.OPENCLAW_GATEWAY_TOKEN };

/** Without Vitest's variables (under them openclaw changes behaviour), with the scratch HOME. */
function gatewayEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key.startsWith("OPENCLAW_")) delete env[key];
  return env;
}

async function heartbeat() {
  const result = await runOnce({ configPath: agentConfig, sampleWindowMs: 50, pluginsDir: path.join(home, "no-plugins"), openclawBin: path.join(home, "openclaw") });
  expect(result.outcome).toBe("ok");
  const body = bodies.at(-1);
  if (!body) throw new Error("no heartbeat reached the stand-in");
  return body;
}

const invoke = async (name: string) => (await (rpc as GatewayRpc).request("tools.invoke", { name, args: {} }, 60_000)) as { ok: boolean; error?: { code: string; message: string } };
const configGet = async () => (await (rpc as GatewayRpc).request("config.get", {})) as { hash: string; config: Record<string, unknown> };
const guard = async () => GuardReport.parse(await (rpc as GatewayRpc).request("clawfleet.status", {}));
async function localPatch(patch: unknown, replacePaths: string[] = []) {
  const { hash } = await configGet();
  await (rpc as GatewayRpc).request("config.patch", { raw: JSON.stringify(patch), baseHash: hash, replacePaths }, 60_000);
}
const at = (value: unknown, dotted: string): unknown =>
  dotted.split(".").reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);

beforeAll(async () => {
  openclaw = execFileSync(process.execPath, ["scripts/install-openclaw.mjs"], { encoding: "utf8" }).trim();
  execFileSync(process.execPath, ["plugin/build.mjs"], { stdio: "ignore" });
  home = await mkdtemp(path.join(tmpdir(), "gateway-policy-"));
  port = await freeGatewayPort();
  model = await startOpenAiStandIn(["standin-model"], { promptTokens: 1200, completionTokens: 300 });
  await mkdir(path.join(home, ".openclaw"), { recursive: true });
  const configFile = path.join(home, ".openclaw", "openclaw.json");
  await writeFile(configFile, JSON.stringify({
    gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: TOKEN } },
    models: { providers: { standin: {
      baseUrl: model.url, apiKey: "stand-in-key", api: "openai-completions",
      models: [{ id: "standin-model", name: "Stand-in", reasoning: false, input: ["text"], cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }, contextWindow: 128000, maxTokens: 4096 }],
    } } },
    agents: { defaults: { model: { primary: "standin/standin-model" } } },
  }));
  // What the agent runs as `openclaw`: the real CLI, for this scratch gateway.
  const wrapper = path.join(home, "openclaw");
  await writeFile(wrapper, `#!/bin/sh\nfor v in $(env | sed -n 's/^\\(VITEST[A-Z_]*\\)=.*/\\1/p'); do unset "$v"; done\nexport HOME='${home}'\nunset OPENCLAW_CONFIG_PATH OPENCLAW_GATEWAY_TOKEN\nexec '${openclaw}' "$@"\n`);
  await chmod(wrapper, 0o755);
  process.env.OPENCLAW_CONFIG_PATH = configFile;
  delete process.env.OPENCLAW_GATEWAY_TOKEN;

  gateway = spawn(openclaw, ["gateway", "--port", String(port), "--bind", "loopback"], { env: gatewayEnv(), stdio: "ignore" });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline || gateway.exitCode !== null) throw new Error("the gateway did not come up");
    await new Promise((r) => setTimeout(r, 500));
  }

  fleet = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => {
      bodies.push(JSON.parse(data) as HeartbeatBody);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, agentStatus: "online", nextHeartbeatS: 30, commands: [], ...(delivered ? { policy: delivered } : {}) }));
    });
  });
  await new Promise<void>((resolve) => fleet?.listen(0, "127.0.0.1", resolve));
  const address = fleet.address();
  const fleetUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const priv = privateKey.export({ format: "jwk" });
  agentConfig = path.join(home, "clawfleet", "agent.json");
  await mkdir(path.dirname(agentConfig), { recursive: true, mode: 0o700 });
  await writeFile(agentConfig, JSON.stringify({
    url: fleetUrl, agentId: "agent-1", fleetId: "fleet-1", audience: "clawfleet", heartbeatIntervalS: 30, gatewayUrl: `http://127.0.0.1:${port}`,
    privateKeyJwk: { kty: "OKP", crv: "Ed25519", x: priv.x, d: priv.d }, publicKeyJwk: { kty: "OKP", crv: "Ed25519", x: publicKey.export({ format: "jwk" }).x },
    pairedAt: new Date().toISOString(), seq: 0,
  }), { mode: 0o600 });

  const device = await loadGatewayDevice(path.join(home, "test-operator", "x.json"));
  // /health answers before the WebSocket side is ready ("gateway starting; retry shortly").
  for (let attempt = 1; !rpc; attempt++) {
    rpc = await GatewayRpc.connect({ gatewayUrl: `http://127.0.0.1:${port}`, token: TOKEN, device, version: "test", scopes: ["operator.admin"], timeoutMs: 30_000 }).catch((error: unknown) => {
      if (attempt > 60) throw error;
      return new Promise<undefined>((r) => setTimeout(() => r(undefined), 1_000));
    });
  }
}, 300_000);

afterAll(async () => {
  rpc?.close();
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((resolve) => gateway?.once("exit", resolve));
    gateway.kill("SIGTERM");
    await exited;
  }
  await new Promise((resolve) => fleet?.close(resolve));
  await model?.close();
  process.env.OPENCLAW_CONFIG_PATH = savedEnv.OPENCLAW_CONFIG_PATH;
  if (savedEnv.OPENCLAW_GATEWAY_TOKEN !== undefined) process.env.OPENCLAW_GATEWAY_TOKEN = savedEnv.OPENCLAW_GATEWAY_TOKEN;
  if (home) await rm(home, { recursive: true, force: true });
}, 60_000);

describe("a fleet policy on the real gateway", () => {
  it("installs the plugin, applies the native settings and the guardrails in one write, and reports it", async () => {
    expect(await invoke("agents_list")).toMatchObject({ ok: true });
    delivered = {
      version: 1,
      model: { primary: "standin/standin-model", fallbacks: ["standin/standin-model-b"] },
      allowedModels: ["standin/*"],
      tools: { deny: ["agents_list"] },
      execMode: "allowlist",
      sandboxMode: "off",
      toolCallCostCapsUsd: { "*": 0.01 },
    };
    const first = await heartbeat();
    expect(first.policyVersion).toBe(0);
    const state = JSON.parse(await readFile(agentConfig, "utf8")) as { policyVersion: number; policyStatus: unknown };
    expect(state.policyStatus).toEqual({ version: 1, status: "applied" });
    expect(state.policyVersion).toBe(1);
    const { config } = await configGet();
    expect(at(config, "agents.defaults.model")).toEqual({ primary: "standin/standin-model", fallbacks: ["standin/standin-model-b"] });
    expect(at(config, "agents.defaults.modelPolicy.allow")).toEqual(["standin/*"]);
    expect(at(config, "tools.deny")).toEqual(["agents_list"]);
    expect(at(config, "tools.exec.mode")).toBe("allowlist");
    expect(at(config, "agents.defaults.sandbox.mode")).toBe("off");
    expect(at(config, "plugins.entries.clawfleet")).toMatchObject({ enabled: true, hooks: { allowConversationAccess: true }, config: { revision: 1, deniedTools: ["agents_list"], toolCallCostCapsUsd: { "*": 0.01 } } });

    delivered = undefined;
    const next = await heartbeat();
    expect(next.policyVersion).toBe(1);
    expect(PolicyStatusReport.parse(next.policyStatus)).toEqual({ version: 1, status: "applied" });
    expect(GuardReport.parse(next.guard)).toMatchObject({ revision: 1, refusals: 0 });
  }, 300_000);

  it("refuses a denied tool: the gateway's own list hides it, and the plugin refuses it with the policy's reason when that list is edited away", async () => {
    // OpenClaw applies tools.deny before any plugin sees the call: the tool is simply not there.
    expect(await invoke("agents_list")).toMatchObject({ ok: false, error: { code: "not_found", message: "Tool not available: agents_list" } });
    expect(await invoke("session_status")).toMatchObject({ ok: true });
    await localPatch({ tools: { deny: null } }, ["tools.deny"]);
    expect(await invoke("agents_list")).toMatchObject({ ok: false, error: { code: "forbidden", message: "denied by fleet policy (revision 1): tools.deny has agents_list" } });
  }, 120_000);

  it("refuses a call whose declared price is over the per-call cap", async () => {
    // The gateway gives a plugin no cost for a tool call: prices are declared in the plugin's settings.
    expect(await invoke("session_status")).toMatchObject({ ok: true });
    await localPatch({ plugins: { entries: { clawfleet: { config: { toolCallPricesUsd: { session_status: 0.05 } } } } } });
    expect(await invoke("session_status")).toMatchObject({ ok: false, error: { code: "forbidden", message: 'denied by fleet policy (revision 1): a call to session_status is priced $0.05, over its cap of $0.01 (toolCallCostCapsUsd["*"])' } });
  }, 120_000);

  it("leaves the previous policy in force when the gateway rejects one, reports its error, and does not retry it every beat", async () => {
    const before = await configGet();
    delivered = { version: 2, tools: { deny: ["web_fetch"] }, toolCallCostCapsUsd: { "web search": 1 } };
    await heartbeat();
    const agent = JSON.parse(await readFile(agentConfig, "utf8")) as { policyVersion: number; policyStatus: { status: string; message: string }; policyAttemptAt: string };
    expect(agent.policyVersion).toBe(1);
    expect(agent.policyStatus).toMatchObject({ version: 2, status: "failed", message: expect.stringContaining("toolCallCostCapsUsd") });
    const after = await configGet();
    expect(after.hash).toBe(before.hash);
    expect(at(after.config, "plugins.entries.clawfleet.config.revision")).toBe(1);

    const body = await heartbeat();
    expect(body.policyVersion).toBe(1);
    expect(PolicyStatusReport.parse(body.policyStatus)).toMatchObject({ version: 2, status: "failed", message: expect.stringContaining("must match pattern") });
    expect((JSON.parse(await readFile(agentConfig, "utf8")) as typeof agent).policyAttemptAt).toBe(agent.policyAttemptAt);
  }, 300_000);

  it("counts the day's spend from real agent turns and refuses every call past the daily cap; the guard report counts the refusals", async () => {
    delivered = { version: 3, model: { primary: "standin/standin-model" }, tools: { deny: ["agents_list"] }, dailySpendCapUsd: 0.005 };
    await heartbeat();
    const { config } = await configGet();
    expect(at(config, "plugins.entries.clawfleet.config")).toEqual({ revision: 3, deniedTools: ["agents_list"], toolCallCostCapsUsd: {}, toolCallPricesUsd: { session_status: 0.05 }, dailySpendCapUsd: 0.005 });
    expect(at(config, "tools.exec.mode")).toBeUndefined();
    expect(await invoke("session_status")).toMatchObject({ ok: true });

    await run(path.join(home, "openclaw"), ["agent", "--agent", "main", "--message", "Say done", "--json"], { timeout: 180_000 });
    expect(model?.requests).toBe(1);
    let report = await guard();
    for (let i = 0; i < 40 && report.spendTodayUsd === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      report = await guard();
    }
    expect(report.spendTodayUsd).toBeCloseTo(TURN_USD, 9);
    expect(await invoke("session_status")).toMatchObject({ ok: false, error: { code: "forbidden", message: "denied by fleet policy (revision 3): today's spend $0.0081 (UTC) has reached the daily cap of $0.005" } });

    delivered = undefined;
    const body = await heartbeat();
    const sent = GuardReport.parse(body.guard);
    expect(sent).toMatchObject({ revision: 3, refusals: 3, spendTodayUsd: expect.closeTo(TURN_USD, 9) });
    expect(sent.lastRefusals.map((r) => r.reason)).toEqual([
      expect.stringContaining("daily cap"),
      expect.stringContaining("over its cap"),
      "denied by fleet policy (revision 1): tools.deny has agents_list",
    ]);
    expect(body.policyStatus).toEqual({ version: 3, status: "applied" });
  }, 300_000);
});
