import { execFile, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { PASSWORD, listen } from "./support";

// The end-to-end path of an alert: a user registers, adds an agent and pairs clawfleet with it,
// sets a Slack-format channel (a local receiver standing in for Slack) and an offline rule; the
// agent stops, the check runs, one well-formed notification arrives and the alert shows; the agent
// comes back and the resolve arrives.

const run = promisify(execFile);
const CLI = path.resolve("cli/bin.mjs");

type Received = { body: { text?: unknown; blocks?: unknown }; headers: Record<string, string | string[] | undefined> };


test("offline alert to a Slack receiver, shown in the UI, resolved when the agent returns", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL ?? "";
  const received: Received[] = [];
  const slack = await listen((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => {
      received.push({ body: JSON.parse(data) as Received["body"], headers: req.headers });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  const gateway = await listen((req, res) => res.writeHead(req.url === "/health" ? 200 : 404, { "content-type": "application/json" }).end('{"ok":true}'));
  const dir = await mkdtemp(path.join(tmpdir(), "alerting-e2e-"));
  const config = path.join(dir, "agent.json");
  const cronSecret = (JSON.parse(readFileSync(".data/e2e/secrets.json", "utf8")) as { CRON_SECRET: string }).CRON_SECRET;
  const cron = (job: string) => page.request.get(`/api/cron/${job}${job === "check-stale" ? "?force=1" : ""}`, { headers: { authorization: `Bearer ${cronSecret}` } });
  let runner: ChildProcess | null = null;
  const startAgent = () => (runner = spawn(process.execPath, [CLI, "run", "--config", config], { stdio: "ignore" }));
  const stopAgent = async () => {
    const r = runner;
    if (!r || r.exitCode !== null) return;
    r.kill("SIGTERM");
    await new Promise((resolve) => r.once("exit", resolve));
  };
  try {
    await page.goto("/signup");
    await page.getByLabel("Name", { exact: true }).fill("Olga On-call");
    await page.getByLabel("Email", { exact: true }).fill(`oncall-${Date.now()}@example.test`);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    const headers = { origin };
    const { fleet } = await (await page.request.post("/api/fleets", { data: { name: "Edge" }, headers })).json();
    const { agent } = await (await page.request.post("/api/agents", { data: { fleetId: fleet.id, name: "edge-1", region: "eu-west", heartbeatIntervalS: 5, graceS: 0 }, headers })).json();

    // Pair clawfleet from the agent page's command, and run it.
    await page.goto(`/dashboard/agents/${agent.id}`);
    await page.getByRole("button", { name: "Create pairing code" }).click();
    const code = /--code (\S+)/.exec((await page.getByTestId("pair-command").textContent()) ?? "")?.[1] ?? "";
    await run(process.execPath, [CLI, "pair", "--url", origin, "--code", code, "--gateway", gateway.url, "--config", config, "--json"]);
    startAgent();
    await expect(page.getByTestId("agent-status")).toHaveText(/online/, { timeout: 20_000 });

    // A Slack channel pointing at the local receiver, and an offline rule, through the UI.
    await page.goto("/dashboard/alerts/channels");
    await page.getByRole("button", { name: "New channel" }).click();
    await page.getByLabel("Name", { exact: true }).fill("#ops");
    await page.getByLabel("Webhook URL").fill(`${slack.url}/services/T000/B000/XXXX`);
    await page.getByRole("button", { name: "Add channel" }).click();
    await expect(page.getByRole("table", { name: "Alert channels" })).toContainText("#ops");
    await page.goto("/dashboard/alerts/rules");
    await page.getByRole("button", { name: "New rule" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Agents offline");
    await page.getByLabel("When").selectOption("agent_offline");
    await page.getByRole("button", { name: "Create rule" }).click();
    await expect(page.getByRole("table", { name: "Alert rules" })).toContainText("Agents offline");

    // The agent stops; once past 5 intervals plus grace the check runs and finds it offline.
    await stopAgent();
    await page.waitForTimeout(27_000);
    expect((await cron("check-stale")).status()).toBe(200);
    await expect.poll(async () => (await cron("deliver"), received.length), { timeout: 30_000, intervals: [1000] }).toBe(1);
    const trigger = received[0];
    expect(typeof trigger?.body.text).toBe("string");
    expect(String(trigger?.body.text)).toContain("edge-1");
    expect(Array.isArray(trigger?.body.blocks)).toBe(true);
    expect(trigger?.headers["content-type"]).toContain("application/json");
    await page.goto("/dashboard/alerts");
    const row = page.locator("tr[data-alert-id]").filter({ hasText: "edge-1" }).first();
    await expect(row).toHaveAttribute("data-state", "open");
    await expect(row).toContainText("Agents offline");

    // The agent comes back: the alert resolves and the resolve reaches the receiver, once.
    startAgent();
    await expect(page.locator("tr[data-alert-id][data-state=resolved]").filter({ hasText: "edge-1" })).toBeVisible({ timeout: 30_000 });
    await expect.poll(async () => (await cron("deliver"), received.length), { timeout: 30_000, intervals: [1000] }).toBe(2);
    expect(JSON.stringify(received[1]?.body)).toMatch(/resolved/i);
    await page.waitForTimeout(6000);
    expect(received).toHaveLength(2);
  } finally {
    await stopAgent();
    slack.server.close();
    gateway.server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
