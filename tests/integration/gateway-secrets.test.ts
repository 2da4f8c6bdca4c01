import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGatewayDevice } from "@/cli/src/gateway-device";
import { GatewayRpc } from "@/cli/src/gateway-rpc";
import { runOnce } from "@/cli/src/run-once";
import { serveHeartbeat } from "@/lib/server/heartbeat/front";
import { call } from "../helpers/api";
import { createAgent, pairAgent } from "../helpers/agent";
import { freeGatewayPort } from "../helpers/gateway-port";
import { startOpenAiStandIn, type StandIn } from "../helpers/openai-standin";
import { createFleet, createUser, type TestUser } from "../factories";

// A team secret reaching the real OpenClaw gateway (openclaw@2026.9.6 on Node 24, .tools/ by
// scripts/install-openclaw.mjs): stored through the API, delivered by the server's own heartbeat
// path (serveHeartbeat, the production front) sealed to the agent's key, opened and applied by
// clawfleet through the gateway's file secrets provider, and used by the gateway as the model
// provider's API key in a real agent turn: the local model stand-in sees `Bearer <value>`.

const run = promisify(execFile);
const TOKEN = "secrets-it-gateway-token-0123456789";
const FIRST = "sk-standin-first-0123456789-AAAA";
const SECOND = "sk-standin-rotated-9876543210-BBBB";

let openclaw = "";
let home = "";
let port = 0;
let gateway: ChildProcess | undefined;
let model: StandIn | undefined;
let server: Server | undefined;
let agentConfig = "";
let owner: TestUser;
let agentId = "";
let rpc: GatewayRpc | undefined;
const savedEnv = { OPENCLAW_CONFIG_PATH: process.env.OPENCLAW_CONFIG_PATH, OPENCLAW_GATEWAY_TOKEN: process.env.OPENCLAW_GATEWAY_TOKEN };

function gatewayEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key.startsWith("OPENCLAW_")) delete env[key];
  return env;
}

async function heartbeat() {
  const result = await runOnce({ configPath: agentConfig, sampleWindowMs: 50, pluginsDir: path.join(home, "no-plugins"), openclawBin: path.join(home, "openclaw"), usage: false });
  expect(result.outcome).toBe("ok");
  return JSON.parse(await readFile(agentConfig, "utf8")) as { secretsVersion?: number; secretsStatus?: { version: number; status: string; message?: string }; boxKeyJwk?: { x: string } };
}

async function turn() {
  const before = model?.requests ?? 0;
  await run(path.join(home, "openclaw"), ["agent", "--agent", "main", "--message", "Say done", "--json"], { timeout: 180_000 });
  expect(model?.requests).toBeGreaterThan(before);
  return model?.authorizations.at(-1);
}

beforeAll(async () => {
  openclaw = execFileSync(process.execPath, ["scripts/install-openclaw.mjs"], { encoding: "utf8" }).trim();
  home = await mkdtemp(path.join(tmpdir(), "gateway-secrets-"));
  port = await freeGatewayPort();
  model = await startOpenAiStandIn(["standin-model"], { promptTokens: 100, completionTokens: 10 });
  await mkdir(path.join(home, ".openclaw"), { recursive: true });
  const configFile = path.join(home, ".openclaw", "openclaw.json");
  // A gateway refuses to start with a SecretRef into a provider it does not know yet
  // (SECRET_PROVIDER_NOT_CONFIGURED): the key is wired to clawfleet's provider once clawfleet declared it.
  await writeFile(configFile, JSON.stringify({
    gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: TOKEN } },
    models: { providers: { standin: {
      baseUrl: model.url, apiKey: "unwired-key", api: "openai-completions",
      models: [{ id: "standin-model", name: "Stand-in", reasoning: false, input: ["text"], cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }, contextWindow: 128000, maxTokens: 4096 }],
    } } },
    agents: { defaults: { model: { primary: "standin/standin-model" } } },
  }));
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

  // The server's own heartbeat front, over real HTTP.
  server = createServer((req, res) => void serveHeartbeat(req, res));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

  owner = await createUser("gateway-secrets");
  const fleet = await createFleet(owner, "Gateway secrets");
  const paired = await pairAgent(owner, (await createAgent(owner, fleet.id)).id);
  agentId = paired.id;
  const priv = paired.privateKey.export({ format: "jwk" });
  // Paired before secrets existed: no box key in the config, so the first run makes one.
  agentConfig = path.join(home, "clawfleet", "agent.json");
  await mkdir(path.dirname(agentConfig), { recursive: true, mode: 0o700 });
  await writeFile(agentConfig, JSON.stringify({
    url, agentId, fleetId: fleet.id, audience: "clawfleet", heartbeatIntervalS: 30, gatewayUrl: `http://127.0.0.1:${port}`,
    privateKeyJwk: { kty: "OKP", crv: "Ed25519", x: priv.x, d: priv.d }, publicKeyJwk: paired.publicJwk, pairedAt: new Date().toISOString(), seq: 0,
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

/** The operator's one-time wiring: the provider's key becomes a SecretRef into clawfleet's provider. */
async function wireProviderKey() {
  const { hash } = (await (rpc as GatewayRpc).request("config.get", {})) as { hash: string };
  const raw = JSON.stringify({ models: { providers: { standin: { apiKey: { source: "file", provider: "clawfleet", id: "/STANDIN_API_KEY" } } } } });
  await (rpc as GatewayRpc).request("config.patch", { raw, baseHash: hash }, 60_000);
}

afterAll(async () => {
  rpc?.close();
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((resolve) => gateway?.once("exit", resolve));
    gateway.kill("SIGTERM");
    await exited;
  }
  await new Promise((resolve) => server?.close(resolve));
  await model?.close();
  process.env.OPENCLAW_CONFIG_PATH = savedEnv.OPENCLAW_CONFIG_PATH;
  if (savedEnv.OPENCLAW_GATEWAY_TOKEN !== undefined) process.env.OPENCLAW_GATEWAY_TOKEN = savedEnv.OPENCLAW_GATEWAY_TOKEN;
  if (home) await rm(home, { recursive: true, force: true });
}, 60_000);

describe("a team secret on the real gateway", () => {
  it("reaches the gateway sealed, through its file secrets provider, and the gateway uses it as the provider's key", async () => {
    const created = await call<{ secret: { id: string; version: number } }>("POST", "/api/secrets", {
      cookie: owner.cookie,
      body: { name: "STANDIN_API_KEY", value: FIRST, scope: "team", description: "The stand-in provider's key" },
    });
    expect(created.status).toBe(201);
    // The first run makes the box key and reports it; the answer to that heartbeat carries the sealed set.
    const state = await heartbeat();
    expect(state.boxKeyJwk?.x).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(state.secretsStatus).toEqual({ version: created.body.secret.version, status: "applied" });
    expect(state.secretsVersion).toBe(created.body.secret.version);
    expect(JSON.stringify(state)).not.toContain(FIRST);

    const file = path.join(home, "clawfleet", "gateway-secrets.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ STANDIN_API_KEY: FIRST });
    const gatewayConfig = await readFile(path.join(home, ".openclaw", "openclaw.json"), "utf8");
    expect(gatewayConfig).not.toContain(FIRST);
    expect(JSON.parse(gatewayConfig)).toMatchObject({ secrets: { providers: { clawfleet: { source: "file", path: file, mode: "json" } } } });

    expect(await turn()).toBe("Bearer unwired-key");
    await wireProviderKey();
    expect(await turn()).toBe(`Bearer ${FIRST}`);

    // The server learns the version the agent runs from its next heartbeat.
    await heartbeat();
    const view = await call<{ agents: { id: string; state: string }[] }>("GET", "/api/secrets/convergence", { cookie: owner.cookie });
    expect(view.body.agents.find((a) => a.id === agentId)?.state).toBe("current");
  }, 600_000);

  it("takes a rotation without a restart: the next heartbeat delivers it and the next turn uses it", async () => {
    const list = await call<{ secrets: { id: string }[] }>("GET", "/api/secrets", { cookie: owner.cookie });
    const id = list.body.secrets[0]?.id ?? "";
    const rotated = await call<{ secret: { version: number } }>("PUT", `/api/secrets/${id}`, { cookie: owner.cookie, body: { value: SECOND } });
    expect(rotated.status).toBe(200);
    const pid = gateway?.pid;
    const state = await heartbeat();
    expect(state.secretsStatus).toEqual({ version: rotated.body.secret.version, status: "applied" });
    expect(gateway?.pid).toBe(pid);
    expect(gateway?.exitCode).toBeNull();
    expect(await turn()).toBe(`Bearer ${SECOND}`);
    expect(await readFile(path.join(home, ".openclaw", "openclaw.json"), "utf8")).not.toContain(SECOND);
  }, 600_000);
});
