import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOnce } from "@/cli/src/run-once";
import { serveHeartbeat } from "@/lib/server/heartbeat/front";
import { call } from "../helpers/api";
import { createAgent, pairAgent } from "../helpers/agent";
import { freeGatewayPort } from "../helpers/gateway-port";
import { startOpenAiStandIn, type StandIn } from "../helpers/openai-standin";
import { standinProvider, startScratchGateway, type ScratchGateway } from "../helpers/real-gateway";
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

let home = "";
let gateway: ScratchGateway | undefined;
let model: StandIn | undefined;
let server: Server | undefined;
let agentConfig = "";
let owner: TestUser;
let agentId = "";
const savedEnv = { OPENCLAW_CONFIG_PATH: process.env.OPENCLAW_CONFIG_PATH, OPENCLAW_GATEWAY_TOKEN: process.env.OPENCLAW_GATEWAY_TOKEN };

async function heartbeat() {
  const result = await runOnce({ configPath: agentConfig, sampleWindowMs: 50, pluginsDir: path.join(home, "no-plugins"), openclawBin: gateway?.wrapper, usage: false });
  expect(result.outcome).toBe("ok");
  return JSON.parse(await readFile(agentConfig, "utf8")) as { secretsVersion?: number; secretsStatus?: { version: number; status: string; message?: string }; boxKeyJwk?: { x: string } };
}

async function turn() {
  const before = model?.requests ?? 0;
  await run(gateway?.wrapper ?? "", ["agent", "--agent", "main", "--message", "Say done", "--json"], { timeout: 180_000 });
  expect(model?.requests).toBeGreaterThan(before);
  return model?.authorizations.at(-1);
}

/** The operator's one-time wiring: the provider's key becomes a SecretRef into clawfleet's provider. */
async function wireProviderKey() {
  const rpc = gateway?.rpc;
  if (!rpc) throw new Error("no gateway");
  const { hash } = (await rpc.request("config.get", {})) as { hash: string };
  const raw = JSON.stringify({ models: { providers: { standin: { apiKey: { source: "file", provider: "clawfleet", id: "/STANDIN_API_KEY" } } } } });
  await rpc.request("config.patch", { raw, baseHash: hash }, 60_000);
}

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), "gateway-secrets-"));
  model = await startOpenAiStandIn(["standin-model"], { promptTokens: 100, completionTokens: 10 });
  // A gateway refuses to start with a SecretRef into a provider it does not know yet
  // (SECRET_PROVIDER_NOT_CONFIGURED): the key is wired to clawfleet's provider once clawfleet declared it.
  gateway = await startScratchGateway({
    home,
    port: await freeGatewayPort(),
    token: TOKEN,
    config: { models: { providers: { standin: standinProvider(model.url, "unwired-key") } }, agents: { defaults: { model: { primary: "standin/standin-model" } } } },
  });
  process.env.OPENCLAW_CONFIG_PATH = path.join(home, ".openclaw", "openclaw.json");
  delete process.env.OPENCLAW_GATEWAY_TOKEN;

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
    url, agentId, fleetId: fleet.id, audience: "clawfleet", heartbeatIntervalS: 30, gatewayUrl: gateway.url,
    privateKeyJwk: { kty: "OKP", crv: "Ed25519", x: priv.x, d: priv.d }, publicKeyJwk: paired.publicJwk, pairedAt: new Date().toISOString(), seq: 0,
  }), { mode: 0o600 });
}, 300_000);

afterAll(async () => {
  await gateway?.stop();
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
    const pid = gateway?.process.pid;
    const state = await heartbeat();
    expect(state.secretsStatus).toEqual({ version: rotated.body.secret.version, status: "applied" });
    expect(gateway?.process.pid).toBe(pid);
    expect(gateway?.process.exitCode).toBeNull();
    expect(await turn()).toBe(`Bearer ${SECOND}`);
    expect(await readFile(path.join(home, ".openclaw", "openclaw.json"), "utf8")).not.toContain(SECOND);
  }, 600_000);
});
