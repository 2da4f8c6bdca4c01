import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, apiAs, beat, pair, seedDay, usageToday, watchCsp } from "./support";

// axe on every page, light and dark, with data on them: no serious or critical violation. Each
// page is also photographed (test-results/screenshots/<page>-<theme>.png), and a few on a phone.

const SHOTS = path.resolve("test-results", "screenshots");

// Every finding by impact over all scans, printed at the end for the record.
const tally: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0, scans: 0 };
let engine = "";

async function check(page: Page, name: string, theme: "light" | "dark", phone = false) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark).*$/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  tally.scans = (tally.scans ?? 0) + 1;
  engine = `${results.testEngine.name} ${results.testEngine.version}`;
  for (const v of results.violations) tally[v.impact ?? "minor"] = (tally[v.impact ?? "minor"] ?? 0) + v.nodes.length;
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  expect(bad, `${name} in ${theme}`).toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}-${theme}${phone ? "-phone" : ""}.png`), fullPage: true });
}

test("every page passes axe in light and dark, and is photographed", async ({ browser, baseURL }) => {
  test.setTimeout(900_000); // bulk-action pages, the policies list and a policy, model rotations, the account and secrets pages, in each theme
  const origin = baseURL ?? "";
  const setup = await browser.newContext({ baseURL: origin });
  const request = setup.request;
  expect((await request.post("/api/auth/signup", { data: { email: `a11y-${Date.now()}@example.test`, password: PASSWORD, name: "Ada Admin" }, headers: { origin } })).status()).toBe(201);
  const api = apiAs(request, origin);
  const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Production", description: "Customer-facing gateways" });
  const regions = ["us-east", "eu-west", "ap-southeast"];
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: `gw-${i + 1}`, region: regions[i % 3], tags: i % 2 ? ["gpu"] : ["edge"] });
    ids.push(agent.id);
  }
  const [first, second] = ids;
  if (!first || !second) throw new Error("no agents");
  const a = await pair(api, request, first);
  await beat(request, a, { cpuPct: 35 }, true, {
    usageDaily: [
      usageToday({ provider: "openai", model: "gpt-4o", inputTokens: 20_000, outputTokens: 4_000, costUsd: 0.8, calls: 4 }),
      usageToday({ provider: "anthropic", model: "claude-haiku-4-5", inputTokens: 500_000, outputTokens: 50_000, missingCostEntries: 3, calls: 3 }),
      usageToday({ provider: "local", model: "my-own-llm", inputTokens: 900, outputTokens: 90, missingCostEntries: 2, calls: 2 }),
    ],
  });
  const b = await pair(api, request, second);
  await beat(request, b, { cpuPct: 91 }, false);
  await seedDay(first);
  await api("POST", `/api/agents/${first}/commands`, { type: "restart", args: {} });
  // A bulk action part done: one agent acknowledged, one still to report, one not paired (failed).
  const { batch } = await api<{ batch: { id: string } }>("POST", "/api/agents/bulk", { action: "set_model", args: { model: "anthropic/claude-haiku-4-5" }, selection: { ids: [first, second, ids[2]] } });
  const picked = (await beat(request, a)).commands.find((c) => c.type === "set_model");
  await beat(request, a, {}, true, { acks: [{ commandId: picked?.id, status: "done", message: "model set" }] });
  await api("POST", "/api/alerts/channels", { name: "#ops", type: "slack", config: { url: "https://hooks.slack.com/services/T0/B0/x" } });
  // Rules without channels: nothing leaves the machine (the channel points at Slack, which the test cannot reach).
  await api("POST", "/api/alerts/rules", { name: "Agents offline", kind: "agent_offline", severity: "critical", channelIds: [] });
  await api("POST", "/api/alerts/rules", { name: "CPU hot", kind: "cpu", threshold: 90, forMinutes: 1, channelIds: [] });
  await beat(request, b, { cpuPct: 95 }, false);
  // Spend for the costs pages: a budget part used, and a model with a cheaper one in its tier.
  await beat(request, a, {}, true, { usageDaily: [{ day: new Date().toISOString().slice(0, 10), provider: "anthropic", model: "claude-sonnet-4-5", inputTokens: 2_000_000, outputTokens: 200_000, costUsd: 0, calls: 9, missingCostEntries: 9 }] });
  await api("POST", "/api/budgets", { name: "Production spend", scope: { type: "fleet", id: fleet.id }, amountUsd: 50, channelIds: [] });
  // A team policy with a revision, a fleet policy without one, and a guard report with a refusal.
  const teamPolicy = await api<{ policy: { id: string } }>("POST", "/api/policies", { scope: "team" });
  await api("PUT", `/api/policies/${teamPolicy.policy.id}`, { document: { allowedModels: ["anthropic/*"], execMode: "ask", dailySpendCapUsd: 20 }, note: "Baseline", baseRevision: 0 });
  await api("POST", "/api/policies", { scope: "fleet", targetId: fleet.id });
  await api("POST", "/api/secrets", { name: "OPENAI_API_KEY", value: "sk-a11y-0123456789abcdef", scope: "team", description: "The team's provider key" });
  // A model rotation over the fleet, the agent that reported confirming it.
  const { rotation } = await api<{ rotation: { id: string } }>("POST", "/api/rotations", { scope: { type: "fleet", fleetId: fleet.id }, backup: "anthropic/claude-haiku-4-5", expectedAgents: 6, note: "Provider incident" });
  await beat(request, a, {}, true, { gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy: true, rttMs: 3, version: "2026.9.6", model: "anthropic/claude-haiku-4-5" } });
  await beat(request, a, {}, true, { guard: { revision: 0, refusals: 1, spendTodayUsd: 1.5, lastRefusals: [{ at: new Date().toISOString(), tool: "exec", reason: "exec is denied" }] } });
  const invitation = await api<{ invitation: { url: string } }>("POST", `/api/teams/${(await api<{ activeTeamId: string }>("GET", "/api/me")).activeTeamId}/invitations`, { email: "guest@example.test", role: "viewer" });
  const state = await setup.storageState();
  await setup.close();

  const pages = [
    ["overview", "/dashboard"],
    ["fleets", "/dashboard/fleets"],
    ["fleet", `/dashboard/fleets/${fleet.id}`],
    ["agents", "/dashboard/agents?sort=status"],
    ["agent", `/dashboard/agents/${first}`],
    ["agent-unpaired", `/dashboard/agents/${ids[2]}`],
    ["batches", "/dashboard/batches"],
    ["batch", `/dashboard/batches/${batch.id}`],
    ["alerts", "/dashboard/alerts"],
    ["alert-rules", "/dashboard/alerts/rules"],
    ["alert-channels", "/dashboard/alerts/channels"],
    ["audit", "/dashboard/audit"],
    ["costs", "/dashboard/costs"],
    ["costs-prices", "/dashboard/costs/prices?used=1"],
    ["budgets", "/dashboard/costs/budgets"],
    ["savings", "/dashboard/costs/advice"],
    ["settings-team", "/dashboard/settings/team"],
    ["settings-members", "/dashboard/settings/members"],
    ["settings-tokens", "/dashboard/settings/tokens"],
    ["settings-account", "/dashboard/settings/account"],
    ["billing", "/dashboard/billing"],
    ["policies", "/dashboard/policies"],
    ["policy", `/dashboard/policies/${teamPolicy.policy.id}`],
    ["secrets", "/dashboard/secrets"],
    ["rotations", "/dashboard/rotations"],
    ["rotation", `/dashboard/rotations/${rotation.id}`],
  ];
  const publicPages = [["landing", "/"], ["login", "/login"], ["signup", "/signup"], ["invitation", new URL(invitation.invitation.url).pathname], ["reset-password", "/reset-password#token=ocfr_example"], ["forgot-password", "/forgot-password"], ["confirm-email", "/confirm-email#token=ocfe_example"]];
  for (const theme of ["light", "dark"] as const) {
    const init = (t: string) => localStorage.setItem("theme", t);
    const signedIn = await browser.newContext({ baseURL: origin, storageState: state, colorScheme: "light" });
    await signedIn.addInitScript(init, theme);
    const page = await signedIn.newPage();
    const violations = watchCsp(page);
    for (const [name, url] of pages) {
      await page.goto(url ?? "/");
      await check(page, name ?? "", theme);
    }
    await page.keyboard.press("Control+k");
    await page.keyboard.type("gw");
    await expect(page.getByRole("option", { name: /gw-1/ })).toBeVisible();
    await check(page, "command-palette", theme);
    // The bulk-action bar, the banner offering every agent the filter matches, and the confirmation.
    await page.goto("/dashboard/agents?sort=name&limit=3");
    await page.getByRole("checkbox", { name: "Select every agent on this page" }).check();
    await expect(page.getByRole("button", { name: "Select all 6 agents matching this filter" })).toBeVisible();
    await check(page, "agents-selected", theme);
    await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Apply config" }).click();
    await expect(page.getByRole("dialog", { name: "Apply config: 3 agents?" })).toBeVisible();
    await check(page, "bulk-dialog", theme);
    await page.keyboard.press("Escape");
    await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Rotate to backup model" }).click();
    await expect(page.getByRole("dialog", { name: "Rotate to backup model: the agents ticked" })).toBeVisible();
    await page.getByRole("textbox", { name: "Backup model" }).fill("anthropic/claude-haiku-4-5");
    await expect(page.getByTestId("rotation-preview")).toContainText("3 agents");
    await check(page, "rotate-dialog", theme);
    await signedIn.close();
    expect(violations, "Content-Security-Policy violations").toEqual([]);

    const phone = await browser.newContext({ baseURL: origin, storageState: state, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.addInitScript(init, theme);
    const small = await phone.newPage();
    for (const [name, url] of [["overview", "/dashboard"], ["agent", `/dashboard/agents/${first}`]]) {
      await small.goto(url ?? "/");
      await check(small, name ?? "", theme, true);
    }
    await small.getByRole("button", { name: "Open navigation" }).click();
    await check(small, "navigation", theme, true);
    await phone.close();

    const visitor = await browser.newContext({ baseURL: origin });
    await visitor.addInitScript(init, theme);
    const anonymous = await visitor.newPage();
    const visitorViolations = watchCsp(anonymous);
    for (const [name, url] of publicPages) {
      await anonymous.goto(url ?? "/");
      await check(anonymous, name ?? "", theme);
    }
    await visitor.close();
    expect(visitorViolations, "Content-Security-Policy violations").toEqual([]);
  }
  console.log(`${engine}: ${JSON.stringify(tally)} (elements with findings, by impact)`);
});
