import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { loadGatewayDevice } from "../../cli/src/gateway-device";
import { GatewayRpc } from "../../cli/src/gateway-rpc";
import { freeGatewayPort } from "../helpers/gateway-port";
import { startOpenAiStandIn, type StandIn } from "../helpers/openai-standin";
import { PASSWORD, apiAs, scratchGatewayEnv, stopChild, waitFor } from "./support";

// The model kill switch end to end, on the real OpenClaw gateway (openclaw@2026.9.6 on Node 24,
// .tools/ by scripts/install-openclaw.mjs) and the real clawfleet agent: a session exists from a
// real agent turn (against a local OpenAI-compatible stand-in) and is pinned to model A; a person
// rotates the team to model B in the browser's confirmation dialog; the gateway's config then names
// B as primary, the session's pin is gone, and the rotation's live view counts the agent confirmed
// from the model the gateway reports. Revert, confirmed in the browser, brings A back.

const run = promisify(execFile);
const CLI = path.resolve("cli/bin.mjs");
const TOKEN = "kill-switch-e2e-gateway-token-0123456789";
const INTERVAL_S = 5;
const A = "standin/model-a";
const B = "standin/model-b";

type Session = { key: string; modelProvider?: string; model?: string; modelOverrideSource: string | null };
type RotationView = { rotation: { counts: { confirmed: number; failed: number }; pins: { done: number; cleared: number } }; agents: { state: string; gatewayModel: string | null; confirmedAt: string | null; pins: string; pinsMessage: string | null }[] };

test("the kill switch moves a real gateway's primary model and clears a pinned session; revert restores it", async ({ page, baseURL }) => {
  test.setTimeout(420_000);
  const origin = baseURL ?? "";
  const openclaw = execFileSync(process.execPath, ["scripts/install-openclaw.mjs"], { encoding: "utf8" }).trim();
  execFileSync(process.execPath, ["plugin/build.mjs"], { stdio: "ignore" });
  const home = await mkdtemp(path.join(tmpdir(), "kill-switch-e2e-"));
  const port = await freeGatewayPort();
  const gatewayUrl = `http://127.0.0.1:${port}`;
  const env = scratchGatewayEnv(home, openclaw);
  let model: StandIn | undefined;
  let gateway: ChildProcess | undefined;
  let agentProcess: ChildProcess | undefined;
  let rpc: GatewayRpc | undefined;
  const lines: { at: number; text: string }[] = [];
  try {
    model = await startOpenAiStandIn(["model-a", "model-b"], { promptTokens: 100, completionTokens: 10 });
    const entry = (id: string) => ({ id, name: id, reasoning: false, input: ["text"], cost: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, contextWindow: 128000, maxTokens: 4096 });
    await mkdir(path.join(home, ".openclaw"), { recursive: true });
    await writeFile(path.join(home, ".openclaw", "openclaw.json"), JSON.stringify({
      gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: TOKEN } },
      models: { providers: { standin: { baseUrl: model.url, apiKey: "stand-in-key", api: "openai-completions", models: [entry("model-a"), entry("model-b")] } } },
      agents: { defaults: { model: { primary: A } } },
    }));
    gateway = spawn(openclaw, ["gateway", "--port", String(port), "--bind", "loopback"], { env, stdio: "ignore" });
    const started = gateway;
    await waitFor("the gateway's /health", async () => {
      if (started.exitCode !== null) throw new Error("the gateway exited");
      return (await fetch(`${gatewayUrl}/health`)).ok ? true : undefined;
    }, 120_000);
    const device = await loadGatewayDevice(path.join(home, "test-operator", "x.json"));
    rpc = await waitFor("the gateway's WebSocket side", () => GatewayRpc.connect({ gatewayUrl, token: TOKEN, device, version: "e2e", scopes: ["operator.admin"], timeoutMs: 30_000 }), 90_000);
    const gw = rpc;
    const primary = async () => {
      const { config } = (await gw.request("config.get", {})) as { config: { agents?: { defaults?: { model?: { primary?: string } | string } } } };
      const m = config.agents?.defaults?.model;
      return typeof m === "string" ? m : m?.primary;
    };
    const sessions = async () => ((await gw.request("sessions.list", {})) as { sessions: Session[] }).sessions;

    // A real conversation, then pinned to A as `/model` would.
    await run(openclaw, ["agent", "--agent", "main", "--message", "Say done", "--json"], { env, timeout: 180_000 });
    const [session] = await sessions();
    if (!session) throw new Error("the agent turn left no session");
    await gw.request("sessions.patch", { key: session.key, model: A });
    expect((await sessions()).find((s) => s.key === session.key)).toMatchObject({ modelProvider: "standin", model: "model-a", modelOverrideSource: "user" });

    // A team whose policy names A, and the real agent running it.
    expect((await page.request.post("/api/auth/signup", { data: { email: `kill-switch-${Date.now()}@example.test`, password: PASSWORD, name: "Kill Switch" }, headers: { origin } })).status()).toBe(201);
    const api = apiAs(page.request, origin);
    const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Switchable" });
    const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "gw-switch", heartbeatIntervalS: INTERVAL_S });
    const { policy } = await api<{ policy: { id: string } }>("POST", "/api/policies", { scope: "team" });
    await api("PUT", `/api/policies/${policy.id}`, { document: { model: { primary: A } }, note: "Our model", baseRevision: 0 });
    const { code } = await api<{ code: string }>("POST", `/api/agents/${agent.id}/pairing-codes`);
    const agentConfig = path.join(home, "clawfleet", "agent.json");
    await run(process.execPath, [CLI, "pair", "--url", origin, "--code", code, "--gateway", gatewayUrl, "--config", agentConfig], { env });
    agentProcess = spawn(process.execPath, [CLI, "run", "--config", agentConfig], { env, stdio: ["ignore", "pipe", "pipe"] });
    const runner = agentProcess;
    const collect = (chunk: Buffer) => { for (const text of chunk.toString().split("\n")) if (text) lines.push({ at: Date.now(), text }); };
    runner.stdout?.on("data", collect);
    runner.stderr?.on("data", collect);
    type Convergence = { counts: { current: number } };
    // The first policy installs the clawfleet plugin in the gateway: tens of seconds.
    await waitFor("the agent on the team policy", async () => {
      if (runner.exitCode !== null) throw new Error(`clawfleet run exited with ${runner.exitCode}`);
      return (await api<Convergence>("GET", `/api/policies/${policy.id}/convergence`)).counts.current === 1 ? true : undefined;
    }, 240_000);
    // The agent page shows the model read back from the gateway.
    await waitFor("the read-back model", async () => ((await api<{ agent: { gateway: { model?: string } | null } }>("GET", `/api/agents/${agent.id}`)).agent.gateway?.model === A ? true : undefined));
    await page.goto(`/dashboard/agents/${agent.id}`);
    await expect(page.locator("#main")).toContainText(`Primary model (read back)${A}`);

    // The person rotates the whole team to B: the dialog names the scope and the agent count.
    await page.goto("/dashboard/rotations");
    await page.getByRole("button", { name: "Rotate to backup model…" }).click();
    const dialog = page.getByRole("dialog", { name: "Rotate to backup model: the whole team" });
    await expect(dialog).toContainText("1 agent will switch");
    await dialog.getByLabel("Backup model").fill(B);
    await dialog.getByLabel("Why (optional)").fill("Model A misbehaves «now» 🔥");
    await expect(dialog.getByTestId("rotation-preview")).toContainText("1 agent");
    const confirm = dialog.getByRole("button", { name: `Rotate 1 agent to ${B}` });
    await expect(confirm).toBeEnabled();
    const clickedAt = Date.now();
    await confirm.click();
    await page.waitForURL(/\/dashboard\/rotations\/[0-9a-f-]{36}$/);
    const rotationId = page.url().split("/").pop() ?? "";
    await expect(page.getByTestId("rotation-note")).toHaveText("Model A misbehaves «now» 🔥");

    // The live view counts the agent confirmed once its gateway reports B, within one interval plus the apply.
    const main = page.locator("#main");
    await expect(main.getByTestId("rotation-counts")).toContainText("1 confirmed", { timeout: (INTERVAL_S * 3 + 30) * 1000 });
    const view = await api<RotationView>("GET", `/api/rotations/${rotationId}`);
    const confirmedIn = Date.parse(view.agents[0]?.confirmedAt ?? "") - clickedAt;
    console.log(`click → confirmed by read-back: ${confirmedIn} ms`);
    expect(confirmedIn).toBeLessThan((INTERVAL_S + 10) * 1000);
    expect(view.agents[0]).toMatchObject({ state: "confirmed", gatewayModel: B });
    expect(await primary()).toBe(B);

    // The pinned session lost its pin and follows the new primary.
    await waitFor("the pins cleared", async () => ((await api<RotationView>("GET", `/api/rotations/${rotationId}`)).rotation.pins.done === 1 ? true : undefined), 60_000);
    const cleared = await api<RotationView>("GET", `/api/rotations/${rotationId}`);
    expect(cleared.rotation.pins.cleared).toBe(1);
    expect(cleared.agents[0]?.pinsMessage).toBe(`cleared 1 pinned session (0 kept on ${B})`);
    expect((await sessions()).find((s) => s.key === session.key)).toMatchObject({ modelProvider: "standin", model: "model-b", modelOverrideSource: null });
    await expect(main.getByRole("table", { name: "Agents in the rotation" }).getByRole("row", { name: /gw-switch/ })).toContainText("done");

    // Revert, confirmed: the gateway goes back to A and the server reads it back.
    await main.getByRole("button", { name: "Revert" }).click();
    await page.getByRole("dialog", { name: "Revert this rotation?" }).getByRole("button", { name: "Revert" }).click();
    await expect(main.getByText(/Reverted .* the policies went back/)).toBeVisible();
    const revertedAt = Date.now();
    await waitFor("the gateway back on A", async () => ((await primary()) === A ? true : undefined), (INTERVAL_S * 3 + 30) * 1000);
    await waitFor("the server reading A back", async () => ((await api<{ agent: { gateway: { model?: string } | null } }>("GET", `/api/agents/${agent.id}`)).agent.gateway?.model === A ? true : undefined), 30_000);
    console.log(`revert → A read back by the server: ${Date.now() - revertedAt} ms`);
    // From the click on, nothing refused or failed (setting up, the plugin's install may meet a restarting gateway and retry).
    expect(lines.filter((l) => l.at >= clickedAt && /heartbeat refused|not applied|clear_session_models failed/.test(l.text))).toEqual([]);
  } catch (error) {
    console.log(lines.slice(-40).map((l) => `${new Date(l.at).toISOString()} ${l.text}`).join("\n"));
    throw error;
  } finally {
    rpc?.close();
    await stopChild(agentProcess);
    await stopChild(gateway);
    await model?.close();
    await rm(home, { recursive: true, force: true });
  }
});
