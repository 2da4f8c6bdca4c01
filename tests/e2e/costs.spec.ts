import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, apiAs, beat, pair, usageToday } from "./support";

// Inside the page's <main>: while a page streams in, React briefly holds a hidden copy of it elsewhere.
const main = (page: Page) => page.locator("#main");

// The costs page end to end: a paired agent reports a day's usage of three models (one its gateway
// priced, one only the catalogue can price, one nobody can); the page shows each model's figure and
// the unpriced calls, its filters change the URL and the figures, the CSV carries the same lines, and
// a team price set on the prices page moves the estimate.

const HAIKU = "anthropic/claude-haiku-4-5";

async function download(page: Page, name: string): Promise<string[]> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return (await readFile(await file.path(), "utf8")).trim().split("\r\n");
}

test("costs per model, filters, CSV export and a team price", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL ?? "";
  expect((await page.request.post("/api/auth/signup", { data: { email: `costs-${Date.now()}@example.test`, password: PASSWORD }, headers: { origin } })).status()).toBe(201);
  const api = apiAs(page.request, origin);
  const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Spenders <b>&" });
  const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "spender-1" });
  await beat(page.request, await pair(api, page.request, agent.id), {}, true, {
    usageDaily: [
      // Priced by the gateway: $0.40 as reported.
      usageToday({ provider: "openai", model: "gpt-4o", inputTokens: 10_000, outputTokens: 2_000, costUsd: 0.4, calls: 3 }),
      // Unpriced by the gateway, so the catalogue's $1 in, $5 out, $0.10 cache read, $1.25 cache write per million: 1 + 0.5 + 0.1 + 0.25.
      usageToday({ provider: "anthropic", model: "claude-haiku-4-5", inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 200_000, missingCostEntries: 2, calls: 2 }),
      // Nobody knows this one.
      usageToday({ provider: "local", model: "my-own-llm", inputTokens: 500, outputTokens: 50, missingCostEntries: 7, calls: 7 }),
    ],
  });

  await page.goto("/dashboard/costs");
  await expect(page.getByRole("heading", { level: 1, name: "Costs" })).toBeVisible();
  await expect(main(page).getByTestId("range-total")).toHaveText("$2.25");
  await expect(main(page).getByTestId("range-reported")).toHaveText("$0.40");
  await expect(main(page).getByTestId("range-estimated")).toHaveText("$1.85");
  await expect(main(page).getByTestId("range-unpriced")).toContainText("7 calls unpriced, of 12 calls");
  await expect(main(page).getByTestId("month-to-date")).toHaveText("$2.25");
  await expect(main(page).getByTestId(`model-${HAIKU}`)).toContainText("$1.85");
  await expect(main(page).getByTestId("model-openai/gpt-4o")).toContainText("$0.40");
  await expect(main(page).getByTestId("model-local/my-own-llm")).toContainText("7 calls");
  await expect(page.getByRole("region", { name: "By fleet" }).getByRole("link", { name: "Spenders <b>&" })).toBeVisible();
  await expect(main(page).getByTestId(`agent-${agent.id}`).getByRole("link", { name: "spender-1" })).toHaveAttribute("href", `/dashboard/agents/${agent.id}`);
  await expect(page.getByRole("list", { name: "Models in the chart" })).toContainText(HAIKU);

  // The brush zooms to the days it covers (the last two here), through the URL; a range preset resets it.
  const chart = main(page).getByTestId("cost-chart");
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  // The default range: last month and this month, so the start moves (days in the range − 2) days right.
  const now = new Date();
  const rangeStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const rangeDays = Math.round((Date.parse(now.toISOString().slice(0, 10)) - rangeStart.getTime()) / 86_400_000) + 1;
  // Focus is taken again before each step: on a slow machine the URL may settle between steps, and
  // the chart's new data re-renders the brush's handles.
  const handle = main(page).getByTestId("cost-brush").locator(".recharts-brush-traveller").first();
  for (let i = 0; i < rangeDays - 2; i++) {
    await handle.focus();
    await page.keyboard.press("ArrowRight");
  }
  await expect(page).toHaveURL(new RegExp(`from=${yesterday}`));
  await expect(chart).toHaveAttribute("data-from", yesterday);
  await expect(chart.getByText(/^Zoomed:/)).toBeVisible();
  await expect(main(page).getByTestId("range-total")).toHaveText("$2.25");
  await chart.getByRole("radio", { name: "This month" }).click();
  await expect(page).toHaveURL(/range=1m/);
  await expect(page).not.toHaveURL(/from=/);
  await expect(chart).toHaveAttribute("data-from", `${now.toISOString().slice(0, 7)}-01`);

  // A provider filter: in the URL, and only that provider's spend.
  await page.getByLabel("Provider", { exact: true }).selectOption("anthropic");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]provider=anthropic/);
  await expect(page).toHaveURL(/[?&]range=1m/);
  await expect(main(page).getByTestId("range-total")).toHaveText("$1.85");
  await expect(main(page).getByTestId("model-openai/gpt-4o")).toHaveCount(0);
  const byDay = await download(page, "CSV by day");
  expect(byDay[0]).toBe("day,provider,model,fleet_id,fleet,cost_usd,reported_usd,estimated_usd,unpriced_calls,input_tokens,output_tokens,calls");
  expect(byDay.slice(1)).toEqual([expect.stringMatching(new RegExp(`,anthropic,claude-haiku-4-5,${fleet.id},Spenders <b>&,1\\.85,0,1\\.85,0,1000000,100000,2$`))]);

  // A zoomed window with nothing in it, then back to the whole range.
  await page.goto(`/dashboard/costs?from=${yesterday}&to=${yesterday}`);
  await expect(main(page).getByTestId("range-total")).toHaveText("$0.00");
  await page.getByRole("button", { name: "Reset zoom" }).click();
  await expect(page).not.toHaveURL(/from=/);
  await expect(main(page).getByTestId("range-total")).toHaveText("$2.25");
  const byAgent = await download(page, "CSV by agent");
  expect(byAgent).toHaveLength(2);
  expect(byAgent[1]).toBe(`${agent.id},spender-1,${fleet.id},2.25,0.4,1.85,7,1010500,102050,12`);

  // A team price for Claude Haiku 4.5 from today: the API's errors inline, then today's usage repriced.
  await page.goto("/dashboard/costs/prices?q=claude-haiku-4-5&provider=anthropic");
  const row = main(page).getByTestId(`price-${HAIKU}`);
  await expect(row).toContainText("$1.00");
  await expect(row).toContainText("catalogue");
  await row.getByRole("button", { name: `Set price for ${HAIKU}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Input", { exact: true }).fill("-1");
  await dialog.getByRole("button", { name: "Save price" }).click();
  await expect(dialog.getByText("A price cannot be negative")).toBeVisible();
  await dialog.getByLabel("Input", { exact: true }).fill("2");
  await dialog.getByLabel("Output", { exact: true }).fill("10");
  await dialog.getByLabel("Cache read (optional)").fill("0.2");
  await dialog.getByLabel("Cache write (optional)").fill("2.5");
  await dialog.getByRole("button", { name: "Save price" }).click();
  await expect(page.getByText(`Price saved for ${HAIKU} from ${new Date().toISOString().slice(0, 10)}: 1 day of usage repriced.`)).toBeVisible();
  await expect(row).toContainText("team");
  await expect(row).toContainText("$2.00");

  // 2 + 1 + 0.2 + 0.5 = $3.70 estimated now.
  await page.goto("/dashboard/costs");
  await expect(main(page).getByTestId("range-estimated")).toHaveText("$3.70");
  await expect(main(page).getByTestId("range-total")).toHaveText("$4.10");
  await expect(main(page).getByTestId(`model-${HAIKU}`)).toContainText("$3.70");

  // A viewer of the team sees the same figures and prices, read-only.
  const { activeTeamId } = await api<{ activeTeamId: string }>("GET", "/api/me");
  const email = `viewer-${Date.now()}@example.test`;
  const { invitation } = await api<{ invitation: { url: string } }>("POST", `/api/teams/${activeTeamId}/invitations`, { email, role: "viewer" });
  const viewer = await browser.newContext({ baseURL: origin });
  expect((await viewer.request.post("/api/auth/signup", { data: { email, password: PASSWORD }, headers: { origin } })).status()).toBe(201);
  await apiAs(viewer.request, origin)("POST", "/api/invitations/accept", { token: new URL(invitation.url).pathname.split("/").pop() });
  const reader = await viewer.newPage();
  await reader.goto("/dashboard/costs/prices?q=claude-haiku-4-5&provider=anthropic");
  await expect(reader.getByTestId(`price-${HAIKU}`)).toContainText("$2.00");
  await expect(reader.getByRole("button", { name: /Set (a )?price/ })).toHaveCount(0);
  await expect(reader.getByRole("combobox", { name: `Tier of ${HAIKU}` })).toHaveCount(0);
  await expect(reader.getByText("Maintainers and owners can set the team's prices and tiers.")).toBeVisible();
  await viewer.close();

  // The agent's page has the same figures and links to them.
  await page.goto(`/dashboard/agents/${agent.id}`);
  const card = main(page).getByTestId("cost-card");
  await expect(card).toContainText("$4.10");
  await expect(card).toContainText("7 calls");
  await expect(card.getByRole("link", { name: "Open in Costs" })).toHaveAttribute("href", `/dashboard/costs?agentId=${agent.id}`);

  // The team's price deleted from the model's history: the catalogue's price estimates again.
  await page.goto("/dashboard/costs/prices?q=claude-haiku-4-5&provider=anthropic");
  await main(page).getByTestId(`price-${HAIKU}`).getByRole("button", { name: `History of ${HAIKU}` }).click();
  const history = page.getByRole("table", { name: `Prices of ${HAIKU}` });
  await expect(history.getByRole("row").filter({ hasText: "team" })).toContainText("$2.00");
  page.once("dialog", (d) => void d.accept());
  await history.getByRole("row").filter({ hasText: "team" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Team price deleted")).toBeVisible();
  await expect(history.getByRole("row").filter({ hasText: "team" })).toHaveCount(0);
  await page.goto("/dashboard/costs");
  await expect(main(page).getByTestId("range-estimated")).toHaveText("$1.85");
});
