import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, apiAs, beat, listen, pair } from "./support";

// Budgets and savings end to end: a budget made in the UI alerts a local Slack stand-in when spend
// passes its first threshold; savings advice applied in the UI queues set_model, which a signed
// heartbeat receives and acknowledges, and the agent page shows it done.

const today = () => new Date().toISOString().slice(0, 10);
const usage = (model: string, inputTokens: number, outputTokens = 0) => ({
  usage: [],
  usageDaily: [{ day: today(), provider: "anthropic", model, inputTokens, outputTokens, costUsd: 0, calls: 10, missingCostEntries: 10 }],
});

async function signUp(page: Page, origin: string, who: string) {
  const res = await page.request.post("/api/auth/signup", { data: { email: `${who}-${Date.now()}@example.test`, password: PASSWORD, name: who }, headers: { origin } });
  expect(res.status()).toBe(201);
  const api = apiAs(page.request, origin);
  const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Production" });
  const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "prod-eu-2", region: "eu-west" });
  return { api, agent: await pair(api, page.request, agent.id) };
}

test("a budget made in the UI alerts a local receiver when spend passes 50 %", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const origin = baseURL ?? "";
  const received: { text?: unknown }[] = [];
  const slack = await listen((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => (received.push(JSON.parse(data) as { text?: unknown }), res.writeHead(200).end("ok")));
  });
  const cronSecret = (JSON.parse(readFileSync(".data/e2e/secrets.json", "utf8")) as { CRON_SECRET: string }).CRON_SECRET;
  const cron = (path: string) => page.request.get(path, { headers: { authorization: `Bearer ${cronSecret}` } });
  try {
    const { api, agent } = await signUp(page, origin, "budget");
    await api("POST", "/api/alerts/channels", { name: "#costs", type: "slack", config: { url: `${slack.url}/services/T0/B0/costs` } });
    await page.goto("/dashboard/costs/budgets");
    await expect(page.getByText("No budgets yet")).toBeVisible();
    await page.getByRole("button", { name: "New budget" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Team budget");
    await page.getByLabel("Amount per month (USD)").fill("10");
    await page.getByRole("button", { name: "Create budget" }).click();
    await expect(page.getByRole("table", { name: "Budgets" })).toContainText("Team budget");

    await beat(page.request, agent, {}, true, usage("claude-haiku-4-5", 6_000_000)); // $6 of $10 at $1 per million input tokens
    expect((await cron("/api/cron/budgets?force=1")).status()).toBe(200);
    await expect.poll(async () => (await cron("/api/cron/deliver"), received.length), { timeout: 30_000, intervals: [1000] }).toBe(1);
    // The forecast ($6 a day for the days left) passes the amount too: both go out as one grouped notification.
    expect(String(received[0]?.text)).toContain("50 % of the $10.00 monthly budget reached: $6.00 spent");
    await page.reload();
    await expect(page.getByRole("meter", { name: "Team budget: $6.00 of $10.00 spent" })).toBeVisible();
  } finally {
    slack.server.close();
  }
});

test("savings advice applied in the UI reaches the agent as set_model, acknowledged and shown done", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const origin = baseURL ?? "";
  const { agent } = await signUp(page, origin, "advice");
  await page.goto("/dashboard/costs/advice");
  await expect(page.getByText("No savings advice right now")).toBeVisible();
  await beat(page.request, agent, {}, true, usage("claude-sonnet-4-5", 1_000_000, 100_000));
  await page.reload();
  const card = page.getByRole("listitem").filter({ hasText: "prod-eu-2 could run on Claude Sonnet 5 for 33 % less" });
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("button", { name: "Switch model" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/agents/${agent.id}$`));

  const delivered = await beat(page.request, agent);
  const command = delivered.commands.find((c) => c.type === "set_model");
  expect(command?.args).toEqual({ model: "anthropic/claude-sonnet-5" });
  await beat(page.request, agent, {}, true, { acks: [{ commandId: command?.id, status: "done", message: "model set" }] });
  await page.reload();
  const row = page.getByRole("table", { name: "Commands" }).getByRole("row").filter({ hasText: "set_model" });
  await expect(row).toContainText("done");
});
