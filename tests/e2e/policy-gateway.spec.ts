import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { loadGatewayDevice } from "../../cli/src/gateway-device";
import { GatewayRpc } from "../../cli/src/gateway-rpc";
import { freeGatewayPort } from "../helpers/gateway-port";
import { PASSWORD, apiAs, scratchGatewayEnv, stopChild, waitFor } from "./support";

// A fleet policy from the browser to the real OpenClaw gateway (openclaw@2026.9.6 on Node 24,
// .tools/ by scripts/install-openclaw.mjs): a person saves it in the policy editor, the real
// clawfleet agent receives it with its next heartbeat, installs the clawfleet plugin and writes the
// native settings; the gateway then hides the denied tool from `tools.invoke` while an allowed one
// runs, and the policy's convergence view and the agent's page show the agent on the revision.

const run = promisify(execFile);
const CLI = path.resolve("cli/bin.mjs");
const TOKEN = "policy-e2e-gateway-token-0123456789";
const INTERVAL_S = 5;

type Invoked = { ok: boolean; error?: { code: string; message: string } };
const at = (value: unknown, dotted: string): unknown =>
  dotted.split(".").reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);

test("a fleet policy saved in the browser reaches the real gateway through the real agent", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const origin = baseURL ?? "";
  const openclaw = execFileSync(process.execPath, ["scripts/install-openclaw.mjs"], { encoding: "utf8" }).trim();
  execFileSync(process.execPath, ["plugin/build.mjs"], { stdio: "ignore" });
  const home = await mkdtemp(path.join(tmpdir(), "policy-gateway-e2e-"));
  const port = await freeGatewayPort();
  const gatewayUrl = `http://127.0.0.1:${port}`;
  const env = scratchGatewayEnv(home, openclaw);
  let gateway: ChildProcess | undefined;
  let agentProcess: ChildProcess | undefined;
  let rpc: GatewayRpc | undefined;
  try {
    await mkdir(path.join(home, ".openclaw"), { recursive: true });
    await writeFile(path.join(home, ".openclaw", "openclaw.json"), JSON.stringify({ gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: TOKEN } } }));
    gateway = spawn(openclaw, ["gateway", "--port", String(port), "--bind", "loopback"], { env, stdio: "ignore" });
    const started = gateway;
    await waitFor("the gateway's /health", async () => {
      if (started.exitCode !== null) throw new Error("the gateway exited");
      return (await fetch(`${gatewayUrl}/health`)).ok ? true : undefined;
    }, 120_000);

    // An operator connection of the test's own, to read the gateway's config and invoke tools.
    const device = await loadGatewayDevice(path.join(home, "test-operator", "x.json"));
    rpc = await waitFor("the gateway's WebSocket side", () => GatewayRpc.connect({ gatewayUrl, token: TOKEN, device, version: "e2e", scopes: ["operator.admin"], timeoutMs: 30_000 }), 90_000);
    const gw = rpc;
    const invoke = async (name: string) => (await gw.request("tools.invoke", { name, args: {} }, 60_000)) as Invoked;
    const configGet = async () => ((await gw.request("config.get", {})) as { config: Record<string, unknown> }).config;
    // Before any policy both tools run.
    expect(await invoke("agents_list")).toMatchObject({ ok: true });
    expect(await invoke("session_status")).toMatchObject({ ok: true });

    // A team with a fleet and one agent, paired by the real CLI and kept online by `clawfleet run`.
    expect((await page.request.post("/api/auth/signup", { data: { email: `policy-gw-${Date.now()}@example.test`, password: PASSWORD, name: "Policy" }, headers: { origin } })).status()).toBe(201);
    const api = apiAs(page.request, origin);
    const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Guarded" });
    const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "gw-host", region: "eu-west", heartbeatIntervalS: INTERVAL_S });
    const { code } = await api<{ code: string }>("POST", `/api/agents/${agent.id}/pairing-codes`);
    const agentConfig = path.join(home, "clawfleet", "agent.json");
    await run(process.execPath, [CLI, "pair", "--url", origin, "--code", code, "--gateway", gatewayUrl, "--config", agentConfig], { env });
    agentProcess = spawn(process.execPath, [CLI, "run", "--config", agentConfig], { env, stdio: ["ignore", "pipe", "pipe"] });
    const runner = agentProcess;
    // The agent's log, each line with when it arrived.
    const lines: { at: number; text: string }[] = [];
    const collect = (chunk: Buffer) => { for (const text of chunk.toString().split("\n")) if (text) lines.push({ at: Date.now(), text }); };
    runner.stdout?.on("data", collect);
    runner.stderr?.on("data", collect);
    await waitFor("the agent online with a healthy gateway", async () => {
      if (runner.exitCode !== null) throw new Error(`clawfleet run exited with ${runner.exitCode}`);
      const body = await api<{ agent: { status: string; gateway: { healthy: boolean } | null } }>("GET", `/api/agents/${agent.id}`);
      return body.agent.status === "online" && body.agent.gateway?.healthy ? true : undefined;
    });

    // The person writes the fleet's policy in the editor.
    await page.goto("/dashboard/policies");
    await page.getByRole("button", { name: "Create policy for Guarded" }).click();
    await expect(page.getByLabel("Tools denied")).toBeVisible();
    await page.getByLabel("Tools denied").fill("agents_list");
    await page.getByLabel("Exec mode").selectOption("allowlist");
    await page.getByLabel("Sandbox mode").selectOption("off");
    await expect(page.getByTestId("policy-issues")).toHaveCount(0);
    await page.getByLabel("Note").fill("No agent listing; exec from the allowlist");
    await page.getByRole("button", { name: "Save revision" }).click();
    const saved = page.getByText(/Saved revision \d+/);
    await expect(saved).toBeVisible();
    const revision = Number(/Saved revision (\d+)/.exec((await saved.textContent()) ?? "")?.[1]);
    expect(revision).toBeGreaterThan(0);
    const savedAt = Date.now();

    // Within one heartbeat interval the agent has it (then writes it to the gateway beside the
    // heartbeats: installing the plugin takes tens of seconds).
    const delivered = await waitFor("the agent to receive the revision", async () => lines.find((l) => l.text.includes(`applying policy revision ${revision}`))?.at, (INTERVAL_S + 10) * 1000);
    expect(delivered - savedAt).toBeLessThanOrEqual(INTERVAL_S * 1000 + 3_000);
    const agentState = () => readFile(agentConfig, "utf8").then((t) => JSON.parse(t) as { policyVersion?: number; policyStatus?: { version: number; status: string; message?: string } });
    await waitFor("the agent's attempt at the revision", async () => ((await agentState()).policyStatus?.version === revision ? true : undefined), 180_000);
    const state = await agentState();
    expect(state.policyStatus).toEqual({ version: revision, status: "applied" });
    expect(state.policyVersion).toBe(revision);

    const config = await configGet();
    expect(at(config, "tools.deny")).toEqual(["agents_list"]);
    expect(at(config, "tools.exec.mode")).toBe("allowlist");
    expect(at(config, "agents.defaults.sandbox.mode")).toBe("off");
    expect(at(config, "plugins.entries.clawfleet")).toMatchObject({ enabled: true, config: { revision, deniedTools: ["agents_list"] } });

    // OpenClaw applies its native tools.deny before any plugin sees the call: the tool is not there.
    expect(await invoke("agents_list")).toMatchObject({ ok: false, error: { code: "not_found", message: "Tool not available: agents_list" } });
    expect(await invoke("session_status")).toMatchObject({ ok: true });

    // The agent's next heartbeats carry the applied revision; the server then counts it current.
    const policyId = /\/dashboard\/policies\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";
    expect(policyId).not.toBe("");
    type Convergence = { counts: { current: number; pending: number }; agents: { appliedRevision: number; state: string; message?: string }[] };
    const lastConvergence = () => api<Convergence>("GET", `/api/policies/${policyId}/convergence`);
    const appliedAt = Date.now();
    await waitFor("the server to count the agent current", async () => ((await lastConvergence()).counts.current === 1 ? true : undefined), (INTERVAL_S * 4 + 30) * 1000).then(() => console.log(`applied on the gateway → counted current by the server: ${Date.now() - appliedAt} ms`), async (error: unknown) => {
      // What the agent logged and what the server holds, to tell a slow heartbeat from a lost one.
      console.log(JSON.stringify({ convergence: await lastConvergence().catch(String), agentLog: lines.slice(-40).map((l) => `${new Date(l.at).toISOString()} ${l.text}`) }, null, 1));
      throw error;
    });

    // The policy page's convergence view shows the agent on the revision, and so does its page.
    await page.reload();
    const main = page.locator("#main");
    await expect(main.getByTestId("convergence-counts")).toContainText("1 current", { timeout: 20_000 });
    await expect(main.getByTestId("convergence-counts")).toContainText("0 pending");
    await expect(main.getByRole("table", { name: "Agents in scope" }).getByRole("row", { name: /gw-host/ })).toContainText("current");
    await page.goto(`/dashboard/agents/${agent.id}`);
    const card = page.getByTestId("agent-policy");
    await expect(card).toContainText(`Runs revision ${revision}; its effective revision is ${revision}.`);
    await expect(card.getByRole("row", { name: /Tools denied/ })).toContainText(`Fleet, revision ${revision}`);
    // The plugin's own report rides on the heartbeats and is accepted by the server.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("agent-refusals")).toContainText(new RegExp(`Enforcing revision\\s*${revision}(?!\\d)`), { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    expect(lines.filter((l) => /heartbeat refused|policy revision \d+ not applied/.test(l.text))).toEqual([]);
  } finally {
    rpc?.close();
    await stopChild(agentProcess);
    await stopChild(gateway);
    await rm(home, { recursive: true, force: true });
  }
});
