import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { startOpenAiStandIn } from "../helpers/openai-standin";
import { PASSWORD, waitFor } from "./support";

// Real usage and cost from the real OpenClaw gateway, end to end, with no model provider on the
// internet: the gateway's model is a local OpenAI-compatible stand-in that answers every call with
// 1,200 prompt and 300 completion tokens, priced in the gateway's config at $3 and $15 per million.
// Real agent turns through the gateway; clawfleet (the one-file build hosts install) reads the
// gateway's own usage records and the agent page shows exactly those tokens and that cost, and they
// do not change when clawfleet or the gateway restarts (reports are cumulative per day and model).

const run = promisify(execFile);
const AGENT = path.resolve("cli/dist/clawfleet.mjs");
const PORT = 18795;
const GATEWAY = `http://127.0.0.1:${PORT}`;
const TOKEN = "usage-e2e-gateway-token-0123456789";
const TURNS = 2;

type Usage = { usage: { model: string; provider: string; inputTokens: number; outputTokens: number; costUsd: number; missingCostEntries: number; calls: number; source: string }[]; usageError: string | null };


test("the gateway's own usage and cost reach the agent page exactly", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const origin = baseURL ?? "";
  const openclaw = execFileSync(process.execPath, ["scripts/install-openclaw.mjs"], { encoding: "utf8" }).trim();
  const provider = await startOpenAiStandIn(["standin-model"], { promptTokens: 1200, completionTokens: 300 });
  const home = await mkdtemp(path.join(tmpdir(), "openclaw-usage-"));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_BIN: openclaw };
  delete env.OPENCLAW_GATEWAY_TOKEN;
  let gateway: ChildProcess | undefined;
  let agentProcess: ChildProcess | undefined;
  const startGateway = async () => {
    gateway = spawn(openclaw, ["gateway", "--port", String(PORT), "--bind", "loopback"], { env, stdio: "ignore" });
    await waitFor("the gateway's /health", async () => ((await fetch(`${GATEWAY}/health`)).ok ? true : undefined), 120_000);
  };
  const stop = async (child: ChildProcess | undefined) => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  try {
    await mkdir(path.join(home, ".openclaw"), { recursive: true });
    await writeFile(path.join(home, ".openclaw", "openclaw.json"), JSON.stringify({
      gateway: { mode: "local", port: PORT, bind: "loopback", auth: { mode: "token", token: TOKEN } },
      models: { providers: { standin: {
        baseUrl: provider.url, apiKey: "stand-in-key", api: "openai-completions",
        models: [{ id: "standin-model", name: "Stand-in", reasoning: false, input: ["text"], cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }, contextWindow: 128000, maxTokens: 4096 }],
      } } },
      agents: { defaults: { model: { primary: "standin/standin-model" } } },
    }));
    await startGateway();

    expect((await page.request.post("/api/auth/signup", { data: { email: `usage-${Date.now()}@example.test`, password: PASSWORD }, headers: { origin } })).status()).toBe(201);
    const { fleet } = await (await page.request.post("/api/fleets", { data: { name: "Spending" }, headers: { origin } })).json();
    const { agent } = await (await page.request.post("/api/agents", { data: { fleetId: fleet.id, name: "spender", heartbeatIntervalS: 5 }, headers: { origin } })).json();
    const { code } = await (await page.request.post(`/api/agents/${agent.id}/pairing-codes`, { headers: { origin } })).json();
    await run(process.execPath, [AGENT, "pair", "--url", origin, "--code", code, "--gateway", GATEWAY], { env });

    // Real agent turns through the gateway, each one model call to the stand-in.
    for (let i = 0; i < TURNS; i++) {
      await run(openclaw, ["agent", "--agent", "main", "--message", `Say done (${i + 1})`, "--json"], { env, timeout: 120_000 });
    }
    expect(provider.requests).toBe(TURNS);

    agentProcess = spawn(process.execPath, [AGENT, "run"], { env, stdio: "ignore" });
    const expected = { model: "standin-model", provider: "standin", inputTokens: 1200 * TURNS, outputTokens: 300 * TURNS, costUsd: 0.0081 * TURNS, missingCostEntries: 0, calls: TURNS, source: "gateway" };
    const read = async () => (await (await page.request.get(`/api/agents/${agent.id}/usage`)).json()) as Usage;
    const usage = await waitFor("the gateway's usage on the agent", async () => {
      const body = await read();
      return body.usage.some((u) => u.inputTokens === expected.inputTokens) ? body : undefined;
    });
    expect(usage.usageError).toBeNull();
    expect(usage.usage).toHaveLength(1);
    expect(usage.usage[0]).toMatchObject({ ...expected, costUsd: expect.closeTo(expected.costUsd, 9) });

    await page.goto(`/dashboard/agents/${agent.id}`);
    const row = page.locator("tr[data-usage-model='standin-model']");
    await expect(row).toContainText("2,400");
    await expect(row).toContainText("600");
    await expect(row).toContainText("$0.0162");

    // Restarting the agent (it reports the same day again) and the gateway changes nothing.
    await stop(agentProcess);
    await stop(gateway);
    await startGateway();
    const restartedAt = Date.now();
    agentProcess = spawn(process.execPath, [AGENT, "run"], { env, stdio: "ignore" });
    // Two heartbeats of the new process (5 s apart): the second carries whatever it read from the gateway.
    await waitFor("heartbeats after the restarts", async () => {
      const { agent: now } = (await (await page.request.get(`/api/agents/${agent.id}`)).json()) as { agent: { lastSeenAt: string | null } };
      return now.lastSeenAt && Date.parse(now.lastSeenAt) > restartedAt + 6_000 ? true : undefined;
    });
    expect((await read()).usage).toEqual(usage.usage);
  } finally {
    await stop(agentProcess);
    await stop(gateway);
    await provider.close();
    await rm(home, { recursive: true, force: true });
  }
});
