import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { waitFor } from "./support";

// clawfleet next to the real OpenClaw gateway (openclaw@2026.9.6 on Node 24, installed into
// .tools/ by scripts/install-openclaw.mjs): real /health probes, and commands carried out by the
// real `openclaw` CLI against the gateway's own configuration (set_model, apply_config, restart).

const run = promisify(execFile);
const CLI = path.resolve("cli/bin.mjs");
const GATEWAY = "http://127.0.0.1:18789";

type Command = { id: string; status: string; resultMessage: string | null };


async function commandDone(api: APIRequestContext, agentId: string, commandId: string): Promise<Command> {
  return waitFor(`command ${commandId}`, async () => {
    const { commands } = (await (await api.get(`/api/agents/${agentId}/commands`)).json()) as { commands: Command[] };
    const found = commands.find((c) => c.id === commandId);
    return found && ["done", "failed"].includes(found.status) ? found : undefined;
  });
}

test("clawfleet reports the real gateway and carries out commands with the real openclaw CLI", async ({ request: api, baseURL }) => {
  test.setTimeout(240_000);
  const openclaw = execFileSync(process.execPath, ["scripts/install-openclaw.mjs"], { encoding: "utf8" }).trim();
  const home = await mkdtemp(path.join(tmpdir(), "openclaw-home-"));
  const env = { ...process.env, HOME: home, OPENCLAW_BIN: openclaw };
  let gateway: ChildProcess | undefined;
  let runner: ChildProcess | undefined;
  try {
    gateway = spawn(openclaw, ["gateway", "--allow-unconfigured", "--dev", "--port", "18789", "--bind", "loopback"], { env, stdio: "ignore" });
    await waitFor("the gateway's /health", async () => ((await fetch(`${GATEWAY}/health`)).ok ? true : undefined), 120_000);

    const origin = { origin: baseURL ?? "" };
    expect((await api.post("/api/auth/signup", { data: { email: `gw-${Date.now()}@example.test`, password: "correct horse battery staple" }, headers: origin })).status()).toBe(201);
    const { fleet } = await (await api.post("/api/fleets", { data: { name: "Real gateways" }, headers: origin })).json();
    const { agent } = await (await api.post("/api/agents", { data: { fleetId: fleet.id, name: "gateway-host", heartbeatIntervalS: 5 }, headers: origin })).json();
    const { code } = await (await api.post(`/api/agents/${agent.id}/pairing-codes`, { headers: origin })).json();
    const config = path.join(home, "clawfleet.json");
    await run(process.execPath, [CLI, "pair", "--url", baseURL ?? "", "--code", code, "--gateway", GATEWAY, "--config", config], { env });
    runner = spawn(process.execPath, [CLI, "run", "--config", config], { env, stdio: "ignore" });

    const online = await waitFor("the agent online with a healthy gateway", async () => {
      const body = (await (await api.get(`/api/agents/${agent.id}`)).json()) as { agent: { status: string; gateway: { healthy: boolean; rttMs: number } | null } };
      return body.agent.status === "online" && body.agent.gateway?.healthy ? body.agent : undefined;
    });
    expect(online.gateway?.rttMs).toBeGreaterThan(0);

    const model = "anthropic/claude-sonnet-4-5";
    const setModel = await (await api.post(`/api/agents/${agent.id}/commands`, { data: { type: "set_model", args: { model } }, headers: origin })).json();
    expect(await commandDone(api, agent.id, setModel.command.id)).toMatchObject({ status: "done" });
    const status = JSON.parse((await run(openclaw, ["models", "status", "--json"], { env })).stdout.replace(/^[^{]*/, "")) as { defaultModel: string };
    expect(status.defaultModel).toBe(model);

    const apply = await (await api.post(`/api/agents/${agent.id}/commands`, { data: { type: "apply_config", args: { config: { logging: { level: "debug" } } } }, headers: origin })).json();
    expect(await commandDone(api, agent.id, apply.command.id)).toMatchObject({ status: "done", resultMessage: "config applied" });
    expect((await run(openclaw, ["config", "get", "logging.level"], { env })).stdout.trim().split("\n").at(-1)).toBe("debug");

    // A scratch HOME is not the account's service home, so OpenClaw refuses to restart its service;
    // the agent reports exactly that.
    const restart = await (await api.post(`/api/agents/${agent.id}/commands`, { data: { type: "restart", args: {} }, headers: origin })).json();
    const restarted = await commandDone(api, agent.id, restart.command.id);
    expect(restarted.resultMessage ?? "").not.toBe("");
  } finally {
    runner?.kill("SIGTERM");
    gateway?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    await rm(home, { recursive: true, force: true });
  }
});
