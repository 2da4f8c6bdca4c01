import { execFile, execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayRpc } from "@/cli/src/gateway-rpc";
import type { HeartbeatBody } from "@/cli/src/heartbeat-body";
import { runOnce } from "@/cli/src/run-once";
import { GuardReport, PolicyStatusReport } from "@/lib/schemas/policy-document";
import { freeGatewayPort } from "../helpers/gateway-port";
import { startOpenAiStandIn, type StandIn } from "../helpers/openai-standin";
import { standinProvider, startScratchGateway, type ScratchGateway } from "../helpers/real-gateway";

// The agent applying delivered policies to the real OpenClaw gateway (openclaw@2026.9.6 on Node 24,
// .tools/ by scripts/install-openclaw.mjs) and the clawfleet plugin enforcing them: tools invoked
// through the gateway's own `tools.invoke`, real agent turns against a local model stand-in (1,200
// prompt and 300 completion tokens a call, priced at $3 and $15 per million: $0.0081 a turn).
// A small heartbeat stand-in delivers the policies, as the server's heartbeat answer will.

const run = promisify(execFile);
const TOKEN = "policy-it-gateway-token-0123456789";
const TURN_USD = (1200 * 3 + 300 * 15) / 1e6;

let home = "";
let gateway: ScratchGateway | undefined;
let model: StandIn | undefined;
let fleet: Server | undefined;
let rpc: GatewayRpc | undefined;
const bodies: HeartbeatBody[] = [];
let delivered: Record<string, unknown> | undefined;
let agentConfig = "";
const savedEnv = { OPENCLAW_CONFIG_PATH: process.env.OPENCLAW_CONFIG_PATH, OPENCLAW_GATEWAY_TOKEN: process.env.OPENCLAW_GATEWAY_TOKEN };

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
  execFileSync(process.execPath, ["plugin/build.mjs"], { stdio: "ignore" });
  home = await mkdtemp(path.join(tmpdir(), "gateway-policy-"));
  model = await startOpenAiStandIn(["standin-model"], { promptTokens: 1200, completionTokens: 300 });
  gateway = await startScratchGateway({
    home,
    port: await freeGatewayPort(),
    token: TOKEN,
    config: { models: { providers: { standin: standinProvider(model.url, "stand-in-key") } }, agents: { defaults: { model: { primary: "standin/standin-model" } } } },
  });
  rpc = gateway.rpc;
  process.env.OPENCLAW_CONFIG_PATH = path.join(home, ".openclaw", "openclaw.json");
  delete process.env.OPENCLAW_GATEWAY_TOKEN;

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
    url: fleetUrl, agentId: "agent-1", fleetId: "fleet-1", audience: "clawfleet", heartbeatIntervalS: 30, gatewayUrl: gateway.url,
    privateKeyJwk: { kty: "OKP", crv: "Ed25519", x: priv.x, d: priv.d }, publicKeyJwk: { kty: "OKP", crv: "Ed25519", x: publicKey.export({ format: "jwk" }).x },
    pairedAt: new Date().toISOString(), seq: 0,
  }), { mode: 0o600 });
}, 300_000);

afterAll(async () => {
  await gateway?.stop();
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

  it("adds `openclaw clawfleet status` and `openclaw clawfleet pair` to OpenClaw's own command line", async () => {
    // status: the guard's counts as the gateway saved them, the same the plugin answers over RPC.
    const status = await run(path.join(home, "openclaw"), ["clawfleet", "status", "--json"], { timeout: 180_000 });
    const line = status.stdout.trim().split("\n").findLast((l) => l.startsWith("{")) ?? "";
    const printed = JSON.parse(line) as { revision: number; refusals: number; spendTodayUsd: number; lastRefusals: unknown[] };
    const report = await guard();
    expect(printed).toMatchObject({ revision: 3, refusals: report.refusals, spendTodayUsd: expect.closeTo(report.spendTodayUsd, 9) });
    expect(printed.lastRefusals).toHaveLength(report.lastRefusals.length);
    const text = await run(path.join(home, "openclaw"), ["clawfleet", "status"], { timeout: 180_000 });
    expect(text.stdout).toContain(`policy revision 3; ${report.refusals} tool calls refused since the gateway started`);

    // pair: hands its arguments to the agent (CLAWFLEET_BIN), which posts the code to the fleet server.
    const agentBin = path.join(home, "clawfleet-bin");
    await writeFile(agentBin, `#!/bin/sh\nexec '${process.execPath}' '${path.resolve("cli/bin.mjs")}' "$@"\n`, { mode: 0o755 });
    const address = fleet?.address();
    const fleetUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const before = bodies.length;
    const paired = await run(path.join(home, "openclaw"), ["clawfleet", "pair", "--url", fleetUrl, "--code", "QZ7K-M2PD", "--gateway", gateway?.url ?? "", "--config", path.join(home, "second", "agent.json")], {
      timeout: 180_000,
      env: { ...process.env, CLAWFLEET_BIN: agentBin },
    }).then(() => null, (error: { code?: number; stderr?: string }) => error);
    const posted = bodies.slice(before) as unknown as { code?: string; publicKeyJwk?: { crv: string } }[];
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ code: "QZ7K-M2PD", publicKeyJwk: { crv: "Ed25519" } });
    // The stand-in answers pairing with a heartbeat's answer: the agent says so, and so does the exit code.
    expect(paired?.code).not.toBe(0);
    expect(paired?.stderr).toContain("unexpected answer from");
  }, 400_000);
});
