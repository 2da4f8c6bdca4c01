import { expect, test } from "@playwright/test";
import { PASSWORD, apiAs, beat, pair, seedDay } from "./support";

// The dashboard without a refresh button: a heartbeat turns the badge online in the open agents
// list and agent page within 2 s, Cmd+K finds the agent, and the range brush zooms the charts.

test("live status, Cmd+K and the chart brush", async ({ page, context, baseURL }) => {
  test.setTimeout(150_000);
  const origin = baseURL ?? "";
  const signup = await page.request.post("/api/auth/signup", { data: { email: `live-${Date.now()}@example.test`, password: PASSWORD, name: "Live" }, headers: { origin } });
  expect(signup.status()).toBe(201);
  const api = apiAs(page.request, origin);
  const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Edge" });
  const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "quasar-7", region: "ap-southeast", tags: ["gpu"] });
  const sim = await pair(api, page.request, agent.id);
  await seedDay(agent.id);

  const list = page;
  const detail = await context.newPage();
  await list.goto("/dashboard/agents");
  await detail.goto(`/dashboard/agents/${agent.id}`);
  const row = list.locator(`tr[data-agent-id="${agent.id}"]`);
  await expect(row).toHaveAttribute("data-status", "pending");
  await expect(detail.getByTestId("agent-status")).toHaveText(/pending/);
  for (const p of [list, detail]) {
    await expect(p.getByTestId("live-badge")).toHaveAttribute("data-state", "open");
    await p.evaluate(() => Object.assign(window, { __noReload: true }));
  }

  // Each page notes, by itself, the moment its badge turns online (a MutationObserver, no polling).
  const watch = (p: typeof list, selector: string, attribute: string, pattern: string) =>
    p.evaluate(({ selector, attribute, pattern }) => {
      const target = document.querySelector(selector);
      const read = () => (attribute === "text" ? target?.textContent : target?.getAttribute(attribute)) ?? "";
      const observer = new MutationObserver(() => {
        if (new RegExp(pattern).test(read())) {
          Object.assign(window, { __changedAt: Date.now() });
          observer.disconnect();
        }
      });
      if (target) observer.observe(target, { attributes: true, childList: true, subtree: true, characterData: true });
    }, { selector, attribute, pattern });
  await watch(list, `tr[data-agent-id="${agent.id}"]`, "data-status", "^online$");
  await watch(detail, '[data-testid="agent-status"]', "text", "online");
  const sent = Date.now();
  await beat(page.request, sim);
  await expect(row).toHaveAttribute("data-status", "online", { timeout: 2000 });
  await expect(detail.getByTestId("agent-status")).toHaveText(/online/, { timeout: 2000 });
  const changedAt = await Promise.all([list, detail].map((p) => p.evaluate(() => (window as unknown as { __changedAt: number }).__changedAt)));
  const elapsed = Math.max(...changedAt) - sent;
  console.log(`heartbeat sent to both pages showing online: ${elapsed} ms`);
  expect(elapsed).toBeLessThan(2000);
  await expect(list.getByTestId("live-announcer")).toHaveText("quasar-7 is now online (was pending).");
  for (const p of [list, detail]) expect(await p.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // A degraded gateway shows without a reload too, in words and shape as well as colour.
  await beat(page.request, sim, { cpuPct: 93 }, false);
  await expect(row).toHaveAttribute("data-status", "degraded", { timeout: 2000 });
  await expect(row).toContainText("unhealthy");
  await expect(row).toContainText("93 %");

  // Cmd+K (Ctrl+K here) finds the agent by tag and opens it.
  await list.keyboard.press("Control+k");
  const palette = list.getByRole("dialog", { name: "Search and commands" });
  await expect(palette).toBeVisible();
  await list.keyboard.type("gpu");
  await expect(palette.getByRole("option", { name: /quasar-7/ })).toBeVisible();
  await list.keyboard.press("Enter");
  await expect(list).toHaveURL(new RegExp(`/dashboard/agents/${agent.id}`));

  // Snoozing says so on the page, and ending it removes the notice.
  await detail.getByRole("button", { name: "Snooze alerts 1 h" }).click();
  await expect(detail.getByTestId("snoozed")).toContainText("Notifications snoozed until");
  await detail.getByRole("button", { name: "End snooze" }).click();
  await expect(detail.getByTestId("snoozed")).toHaveCount(0);

  // The brush narrows the window: the detail charts are fetched again for it and the URL keeps it.
  const charts = detail.getByTestId("metric-charts");
  await expect(charts).toHaveAttribute("data-points", /^[1-9]\d*$/);
  const before = { from: await charts.getAttribute("data-from"), points: await charts.getAttribute("data-points") };
  const traveller = detail.getByTestId("chart-brush").locator(".recharts-brush-traveller").first();
  await traveller.focus();
  for (let i = 0; i < 30; i++) await detail.keyboard.press("ArrowRight");
  await expect(detail).toHaveURL(/from=/, { timeout: 5000 });
  await expect(charts).not.toHaveAttribute("data-from", before.from ?? "");
  const after = await charts.getAttribute("data-from");
  expect(new Date(after ?? 0).getTime()).toBeGreaterThan(new Date(before.from ?? 0).getTime());
  await expect(detail.getByText(/^Zoomed:/)).toBeVisible();
  await detail.getByRole("button", { name: "Reset zoom" }).click();
  await expect(detail).not.toHaveURL(/from=/);
  await detail.getByRole("radio", { name: "1 h" }).click();
  await expect(detail).toHaveURL(/range=1h/);
  await expect.poll(async () => Number(await charts.getAttribute("data-points"))).toBeLessThanOrEqual(121);
});
