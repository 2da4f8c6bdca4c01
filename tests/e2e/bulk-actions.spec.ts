import { expect, test } from "@playwright/test";
import { PASSWORD, apiAs, beat, pair, type SimAgent } from "./support";

// Bulk actions in the agents list, in a real browser: Shift-click a range, select every agent a
// filter matches (beyond the page), restart them, and watch the progress page move as the simulated
// agents acknowledge with signed heartbeats, without a reload.

test("tick a range, select all matching a filter, restart them and watch the progress live", async ({ page, baseURL }) => {
  test.setTimeout(150_000);
  const origin = baseURL ?? "";
  const signup = await page.request.post("/api/auth/signup", { data: { email: `bulk-${Date.now()}@example.test`, password: PASSWORD, name: "Bulk" }, headers: { origin } });
  expect(signup.status()).toBe(201);
  const api = apiAs(page.request, origin);
  const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Edge" });
  const ids: string[] = [];
  for (let i = 1; i <= 7; i++) {
    const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: `bulk-${i}`, region: i <= 5 ? "eu-west" : "us-east" });
    ids.push(agent.id);
  }
  const sims: SimAgent[] = [];
  for (const id of ids.slice(0, 5)) {
    const sim = await pair(api, page.request, id);
    await beat(page.request, sim);
    sims.push(sim);
  }

  // A range with Shift, then one more tick from the keyboard.
  await page.goto("/dashboard/agents?sort=name");
  await page.getByRole("checkbox", { name: "Select bulk-2" }).click();
  await page.getByRole("checkbox", { name: "Select bulk-5" }).click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("selected-count")).toHaveText("4 agents selected");
  for (const [i, ticked] of [[1, false], [2, true], [3, true], [4, true], [5, true], [6, false]] as const) {
    await expect(page.getByRole("checkbox", { name: `Select bulk-${i}` })).toBeChecked({ checked: ticked });
  }
  await page.getByRole("checkbox", { name: "Select bulk-1" }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("selected-count")).toHaveText("5 agents selected");
  // Shift-clicking a ticked row unticks the range from the last one clicked (bulk-1) to it.
  await page.getByRole("checkbox", { name: "Select bulk-3" }).click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("selected-count")).toHaveText("2 agents selected");
  for (const [i, ticked] of [[1, false], [2, false], [3, false], [4, true], [5, true]] as const) {
    await expect(page.getByRole("checkbox", { name: `Select bulk-${i}` })).toBeChecked({ checked: ticked });
  }
  await expect(page.getByRole("checkbox", { name: "Select every agent on this page" })).not.toBeChecked();
  await page.getByRole("button", { name: "Clear selection" }).click();
  await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toBeHidden();

  // Two agents a page: the header ticks the page, the banner offers the five the filter matches.
  await page.goto("/dashboard/agents?sort=name&region=eu-west&limit=2");
  await expect(page.locator("tbody tr")).toHaveCount(2);
  await page.getByRole("checkbox", { name: "Select every agent on this page" }).check();
  await expect(page.getByText("All 2 agents on this page are selected.")).toBeVisible();
  await page.getByRole("button", { name: "Select all 5 agents matching this filter" }).click();
  await expect(page.getByText("All 5 agents matching this filter are selected.")).toBeVisible();
  await expect(page.getByTestId("selected-count")).toHaveText("5 agents selected");

  // A config patch that is not JSON is caught in the dialog; cancelling returns to the bar.
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await bar.getByRole("button", { name: "Apply config" }).click();
  const config = page.getByRole("dialog", { name: "Apply config: 5 agents?" });
  await config.getByLabel("Config patch (JSON object)").fill("{ not json");
  await config.getByRole("button", { name: "Apply config: 5 agents" }).click();
  await expect(config.getByText("Not valid JSON")).toBeVisible();
  await config.getByRole("button", { name: "Cancel" }).click();
  await expect(config).toBeHidden();
  await expect(bar.getByRole("button", { name: "Apply config" })).toBeFocused();

  await bar.getByRole("button", { name: "Restart gateway" }).click();
  const dialog = page.getByRole("dialog", { name: "Restart gateway: 5 agents?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Restart gateway: 5 agents" }).click();
  await page.waitForURL(/\/dashboard\/batches\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Restart gateway: 5 agents" })).toBeVisible();
  await expect(page.getByText("on every agent matching region eu-west")).toBeVisible();
  await expect(page.getByTestId("count-pending")).toContainText("5");
  await expect(page.getByTestId("count-done")).toContainText("0");
  await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "open");
  await page.evaluate(() => Object.assign(window, { __noReload: true }));

  // Each simulated agent picks up its restart with a heartbeat and reports with the next one.
  const ack = async (sim: SimAgent, status: "done" | "failed") => {
    const { commands } = await beat(page.request, sim);
    const restart = commands.find((c) => c.type === "restart");
    if (!restart) throw new Error(`no restart for ${sim.id}`);
    await beat(page.request, sim, {}, true, { acks: [{ commandId: restart.id, status, message: status === "done" ? "restarted" : "gateway did not come back" }] });
  };
  const [s1, s2, s3, s4, s5] = sims;
  if (!s1 || !s2 || !s3 || !s4 || !s5) throw new Error("no agents");
  await ack(s1, "done");
  await ack(s2, "done");
  await expect(page.getByTestId("count-done")).toContainText("2", { timeout: 5000 });
  await expect(page.getByTestId("count-pending")).toContainText("3");
  await ack(s3, "done");
  await ack(s4, "done");
  await ack(s5, "failed");
  await expect(page.getByTestId("count-done")).toContainText("4", { timeout: 5000 });
  await expect(page.getByTestId("count-failed")).toContainText("1");
  await expect(page.getByTestId("count-pending")).toContainText("0");
  await expect(page.locator(`tr[data-agent-id="${s5.id}"]`)).toHaveAttribute("data-state", "failed");
  await expect(page.locator(`tr[data-agent-id="${s5.id}"]`)).toContainText("gateway did not come back");
  await expect(page.getByRole("status").filter({ hasText: "Finished: 4 done, 1 failed." })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // The list of bulk actions shows it too.
  await page.goto("/dashboard/batches");
  await expect(page.getByRole("link", { name: "Restart gateway" })).toBeVisible();
  await expect(page.getByText("4 done")).toBeVisible();
  expect((await api<{ batches: unknown[] }>("GET", "/api/batches")).batches).toHaveLength(1);
});
