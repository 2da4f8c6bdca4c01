import { expect, test } from "@playwright/test";
import { PASSWORD, apiAs, beat, pair } from "./support";

// A policy end to end: written in the form and as JSON, refused with the path of a contradiction,
// dry-run, saved; then a simulated agent receives it with its signed heartbeat, reports the
// revision, and the convergence panel moves without a reload.

test("a policy edited in the form and as JSON, dry-run, saved and followed until the agent runs it", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const origin = baseURL ?? "";
  const res = await page.request.post("/api/auth/signup", { data: { email: `policy-${Date.now()}@example.test`, password: PASSWORD, name: "Policy" }, headers: { origin } });
  expect(res.status()).toBe(201);
  const api = apiAs(page.request, origin);
  const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Production" });
  const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "prod-eu-1", region: "eu-west" });
  await api("POST", "/api/agents", { fleetId: fleet.id, name: "prod-eu-2", region: "eu-west" });
  const sim = await pair(api, page.request, agent.id);
  await beat(page.request, sim);

  await page.goto("/dashboard/policies");
  await expect(page.getByText("No policies yet")).toBeVisible();
  await page.getByRole("button", { name: "Create team policy" }).first().click();
  await expect(page.getByRole("heading", { name: "Team policy: the whole team" })).toBeVisible();

  // The form: a primary model the allowed list does not match is refused at its path.
  await page.getByLabel("Allowed models").fill("anthropic/*");
  await page.getByLabel("Primary model").fill("openai/gpt-5");
  await expect(page.getByTestId("policy-issues")).toContainText('model.primary "openai/gpt-5" is not matched by allowedModels');
  await expect(page.getByRole("button", { name: "Save revision" })).toBeDisabled();
  await page.getByLabel("Primary model").fill("anthropic/claude-sonnet-4-5");
  await page.getByLabel("Exec mode").selectOption("ask");
  await expect(page.getByTestId("policy-issues")).toHaveCount(0);

  // The JSON tab carries the same document; a fallback equal to the primary is refused at its index.
  await page.getByRole("tab", { name: "JSON" }).click();
  const json = page.getByLabel("Policy document (JSON)");
  await expect(json).toHaveValue(/"anthropic\/\*"/);
  const document = { model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: ["anthropic/claude-haiku-4-5", "anthropic/claude-sonnet-4-5"] }, allowedModels: ["anthropic/*"], execMode: "ask", dailySpendCapUsd: 25 };
  await json.fill(JSON.stringify(document, null, 2));
  await expect(page.getByTestId("policy-issues")).toContainText("model.fallbacks[1]");
  await json.fill("{ not json");
  await expect(page.getByText(/Not valid JSON/)).toBeVisible();
  await json.fill(JSON.stringify({ ...document, model: { ...document.model, fallbacks: ["anthropic/claude-haiku-4-5"] } }, null, 2));
  await expect(page.getByTestId("policy-issues")).toHaveCount(0);
  await page.getByRole("tab", { name: "Form" }).click();
  await expect(page.getByLabel("Fallback models")).toHaveValue("anthropic/claude-haiku-4-5");

  // Dry run: both agents of the team would change; nothing is written.
  await page.getByRole("button", { name: "Dry run" }).click();
  const dry = page.getByTestId("dry-run");
  await expect(dry).toContainText("2 agents would change; 0 agents unchanged.");
  await expect(dry.getByRole("table", { name: "Changes for prod-eu-1" })).toContainText("anthropic/claude-sonnet-4-5");

  const note = "First cut <b>not bold</b> '; drop table policies;-- 🚀";
  await page.getByLabel("Note").fill(note);
  await page.getByRole("button", { name: "Save revision" }).click();
  await expect(page.getByText(/Saved revision \d+/)).toBeVisible();
  await expect(page.getByTestId("revision-note").first()).toHaveText(note);
  const counts = page.getByTestId("convergence-counts");
  await expect(counts).toContainText("0 current");
  await expect(counts).toContainText("2 pending");

  // The simulated agent gets the merged policy with its next heartbeat, then reports it applied.
  const delivered = (await beat(page.request, sim, {}, true, { policyVersion: 0 })) as { policy?: { version: number; execMode?: string } };
  expect(delivered.policy).toMatchObject({ execMode: "ask", dailySpendCapUsd: 25, model: { fallbacks: ["anthropic/claude-haiku-4-5"] } });
  const version = delivered.policy?.version ?? 0;
  await beat(page.request, sim, {}, true, { policyVersion: version, policyStatus: { version, status: "applied" } });
  await expect(counts).toContainText("1 current", { timeout: 20_000 });
  await expect(counts).toContainText("1 pending");
  await expect(page.getByRole("table", { name: "Agents in scope" }).getByRole("row", { name: /prod-eu-1/ })).toContainText("current");

  // The agent's page shows where each value comes from.
  await page.goto(`/dashboard/agents/${agent.id}`);
  const card = page.getByTestId("agent-policy");
  await expect(card).toContainText(`Runs revision ${version}`);
  await expect(card.getByRole("row", { name: /Exec mode/ })).toContainText(`Team, revision ${version}`);
});
