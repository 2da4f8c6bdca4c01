import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { freeGatewayPort } from "../helpers/gateway-port";
import { startOpenAiStandIn, type StandIn } from "../helpers/openai-standin";
import { scratchEnv, standinProvider, startScratchGateway, stopChild, type ScratchGateway } from "../helpers/real-gateway";
import { PASSWORD, apiAs, waitFor } from "./support";

// A secret typed in the browser reaches the real OpenClaw gateway (openclaw@2026.9.6 on Node 24)
// through the real, built clawfleet agent: sealed to its key in the heartbeat answer, written to
// the gateway's file secrets provider, and used as the model provider's API key of a real agent
// turn (the local model stand-in sees `Bearer <value>`). A rotation in the browser does the same.

const run = promisify(execFile);
const CLI = path.resolve("cli/dist/clawfleet.mjs");
const TOKEN = "secrets-e2e-gateway-token-0123456789";
const INTERVAL_S = 5;
const FIRST = `sk-e2e-first-${Date.now()}-AAAA`;
const SECOND = `sk-e2e-rotated-${Date.now()}-BBBB`;

test("a secret set and rotated in the browser is the API key the real gateway sends", async ({ page, baseURL }) => {
  test.setTimeout(420_000);
  const origin = baseURL ?? "";
  execFileSync(process.execPath, ["cli/build.mjs"], { stdio: "ignore" });
  const home = await mkdtemp(path.join(tmpdir(), "secrets-gateway-e2e-"));
  let gateway: ScratchGateway | undefined;
  let agentProcess: ChildProcess | undefined;
  let model: StandIn | undefined;
  const lines: string[] = [];
  try {
    model = await startOpenAiStandIn(["standin-model"], { promptTokens: 100, completionTokens: 10 });
    const standin = model;
    gateway = await startScratchGateway({
      home,
      port: await freeGatewayPort(),
      token: TOKEN,
      config: { models: { providers: { standin: standinProvider(standin.url, "unwired-key") } }, agents: { defaults: { model: { primary: "standin/standin-model" } } } },
    });
    const { rpc: gw, url: gatewayUrl, process: started } = gateway;
    const env = scratchEnv(home, { OPENCLAW_BIN: gateway.openclaw });
    const wrapper = gateway.wrapper;
    const turn = async () => {
      const before = standin.requests;
      await run(wrapper, ["agent", "--agent", "main", "--message", "Say done", "--json"], { env, timeout: 180_000 });
      expect(standin.requests).toBeGreaterThan(before);
      return standin.authorizations.at(-1);
    };

    // A team with a fleet and one agent, paired by the real CLI and kept online by `clawfleet run`.
    expect((await page.request.post("/api/auth/signup", { data: { email: `secrets-gw-${Date.now()}@example.test`, password: PASSWORD, name: "Secrets" }, headers: { origin } })).status()).toBe(201);
    const api = apiAs(page.request, origin);
    const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Keyed" });
    const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "keyed-host", region: "eu-west", heartbeatIntervalS: INTERVAL_S });
    const { code } = await api<{ code: string }>("POST", `/api/agents/${agent.id}/pairing-codes`);
    const agentConfig = path.join(home, "clawfleet", "agent.json");
    await run(process.execPath, [CLI, "pair", "--url", origin, "--code", code, "--gateway", gatewayUrl, "--config", agentConfig], { env });
    agentProcess = spawn(process.execPath, [CLI, "run", "--config", agentConfig], { env, stdio: ["ignore", "pipe", "pipe"] });
    const runner = agentProcess;
    const collect = (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean));
    runner.stdout?.on("data", collect);
    runner.stderr?.on("data", collect);
    await waitFor("the agent online", async () => {
      if (runner.exitCode !== null) throw new Error(`clawfleet run exited with ${runner.exitCode}`);
      const body = await api<{ agent: { status: string } }>("GET", `/api/agents/${agent.id}`);
      return body.agent.status === "online" ? true : undefined;
    });
    const agentState = () => readFile(agentConfig, "utf8").then((t) => JSON.parse(t) as { secretsVersion?: number; secretsStatus?: { version: number; status: string; message?: string } });

    // The person stores the fleet's provider key in the browser: a password field, never shown again.
    await page.goto("/dashboard/secrets");
    const main = page.locator("#main");
    await expect(main.getByText("No secrets yet")).toBeVisible();
    await main.getByRole("button", { name: "Add secret" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Add a secret" });
    await dialog.getByLabel("Name").fill("STANDIN_API_KEY");
    await dialog.getByLabel("Applies to").selectOption("fleet");
    await dialog.getByLabel("Fleet").selectOption({ label: "Keyed" });
    await expect(dialog.getByLabel("Value")).toHaveAttribute("type", "password");
    await dialog.getByLabel("Value").fill(FIRST);
    await dialog.getByLabel("Description").fill("Stand-in provider's key <b>not bold</b>");
    await dialog.getByRole("button", { name: "Store secret" }).click();
    await expect(dialog).toBeHidden();
    const row = main.getByRole("table", { name: "Secrets" }).getByRole("row", { name: /STANDIN_API_KEY/ });
    await expect(row).toContainText(`…${FIRST.slice(-4)}`);
    await expect(row).toContainText("Stand-in provider's key <b>not bold</b>");
    expect(await page.content()).not.toContain(FIRST);

    const { secrets } = await api<{ secrets: { id: string; version: number }[] }>("GET", "/api/secrets");
    const first = secrets[0]?.version ?? 0;
    await waitFor("the agent to apply the secret", async () => ((await agentState()).secretsStatus?.version === first ? true : undefined), (INTERVAL_S * 3 + 60) * 1000);
    expect((await agentState()).secretsStatus).toEqual({ version: first, status: "applied" });

    // The operator's one-time wiring: the provider's key is a SecretRef into clawfleet's provider.
    const { hash } = (await gw.request("config.get", {})) as { hash: string };
    await gw.request("config.patch", { raw: JSON.stringify({ models: { providers: { standin: { apiKey: { source: "file", provider: "clawfleet", id: "/STANDIN_API_KEY" } } } } }), baseHash: hash }, 60_000);
    expect(await turn()).toBe(`Bearer ${FIRST}`);

    // The convergence panel counts the agent current, live.
    await expect(main.getByTestId("secrets-convergence-counts")).toContainText("1 current", { timeout: (INTERVAL_S * 4 + 10) * 1000 });

    // A rotation in the browser reaches the running gateway without a restart.
    await row.getByRole("button", { name: "Rotate STANDIN_API_KEY" }).click();
    const rotate = page.getByRole("dialog", { name: "Rotate STANDIN_API_KEY" });
    await rotate.getByLabel("New value").fill(SECOND);
    await rotate.getByRole("button", { name: "Save" }).click();
    await expect(rotate).toBeHidden();
    await expect(row).toContainText(`…${SECOND.slice(-4)}`);
    const second = (await api<{ secrets: { version: number }[] }>("GET", "/api/secrets")).secrets[0]?.version ?? 0;
    expect(second).toBeGreaterThan(first);
    await waitFor("the agent to apply the rotation", async () => ((await agentState()).secretsStatus?.version === second ? true : undefined), (INTERVAL_S * 3 + 60) * 1000);
    expect(started.exitCode).toBeNull();
    expect(await turn()).toBe(`Bearer ${SECOND}`);
    await expect(main.getByTestId("secrets-convergence-counts")).toContainText("1 current", { timeout: (INTERVAL_S * 4 + 10) * 1000 });

    // Neither the agent's log, its config nor the gateway's config holds a value in clear.
    const texts = [lines.join("\n"), await readFile(agentConfig, "utf8"), await readFile(path.join(home, ".openclaw", "openclaw.json"), "utf8")];
    for (const text of texts) for (const value of [FIRST, SECOND]) expect(text).not.toContain(value);
    expect(lines.some((l) => l.includes(`secrets version ${second} applied`))).toBe(true);
  } finally {
    await stopChild(agentProcess);
    await gateway?.stop();
    await model?.close();
    await rm(home, { recursive: true, force: true });
  }
});
