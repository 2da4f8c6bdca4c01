import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { freePort, startServer, stopServer } from "../helpers/process";
import { signEvent, subscription } from "../helpers/stripe-events";
import { startStripeStandIn } from "../helpers/stripe-stand-in";
import { PASSWORD } from "./support";

// The billing page: self-hosted (the suite's server, no Stripe keys) it says billing is off and
// nothing is limited; with Stripe configured (a second server pointed at the Stripe stand-in) it
// shows the plan and usage, Upgrade goes to Checkout, and a signed webhook makes the plan active.

async function signUp(page: Page, origin: string, name: string) {
  const res = await page.request.post(`${origin}/api/auth/signup`, { data: { email: `${name}-${Date.now()}@example.test`, password: PASSWORD, name }, headers: { origin } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { team: { id: string } }).team.id;
}

async function noSeriousFindings(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

test("self-hosted, /billing says billing is off and nothing is limited", async ({ page, baseURL }) => {
  await signUp(page, baseURL ?? "", "selfhosted");
  await page.goto("/billing");
  await expect(page).toHaveURL(/\/dashboard\/billing$/);
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByText("This server is self-hosted: there are no plans to buy and nothing is limited.")).toBeVisible();
  await expect(page.getByText("Unlimited", { exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Billing" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("button", { name: /Upgrade/ })).toHaveCount(0);
  await noSeriousFindings(page);
});

test("with Stripe: plan and usage, Upgrade opens Checkout, a signed webhook makes the plan active", async ({ page }) => {
  test.setTimeout(240_000);
  const key = "sk_test_e2e123";
  const secret = "whsec_e2e456";
  const standIn = await startStripeStandIn(key);
  const dataDir = await mkdtemp(path.join(tmpdir(), "fleet-billing-"));
  const server = await startServer(await freePort(), {
    DATA_DIR: dataDir, STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: secret, STRIPE_PRICE_TEAM: "price_team", STRIPE_PRICE_BUSINESS: "price_business", STRIPE_API_BASE: standIn.url,
  });
  try {
    const teamId = await signUp(page, server.url, "payer");
    await page.goto(`${server.url}/billing`);
    await expect(page.getByRole("heading", { level: 2, name: /Free plan/ })).toBeVisible();
    await expect(page.getByRole("progressbar", { name: /Agents: 0 of 5/ })).toBeVisible();
    await expect(page.getByText("No invoices yet")).toBeVisible();
    await noSeriousFindings(page);

    await page.route("https://checkout.stripe.test/**", (route) => route.fulfill({ contentType: "text/html", body: "<title>Checkout</title><h1>Stripe Checkout</h1>" }));
    await page.getByRole("button", { name: "Upgrade to Team" }).click();
    await expect(page).toHaveURL(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    const customer = standIn.requests.find((r) => r.path === "/v1/checkout/sessions")?.form.customer ?? "";
    expect(customer).toMatch(/^cus_/);

    const event = signEvent(secret, "customer.subscription.created", subscription({ id: "sub_e2e", customer, status: "active", price: "price_team", teamId, plan: "team" }));
    const hook = await fetch(`${server.url}/api/billing/webhook`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": event.signature }, body: event.rawBody });
    expect(hook.status).toBe(200);
    standIn.invoices.set(customer, [{ id: "in_e2e", object: "invoice", number: "E2E-0001", status: "paid", amount_due: 4900, amount_paid: 4900, currency: "usd", created: 1_790_000_000, hosted_invoice_url: null }]);

    await page.goto(`${server.url}/billing`);
    await expect(page.getByRole("heading", { level: 2, name: /Team plan/ })).toBeVisible();
    await expect(page.getByText("Active", { exact: true })).toBeVisible();
    await expect(page.getByRole("progressbar", { name: /Agents: 0 of 50/ })).toBeVisible();
    await expect(page.getByRole("cell", { name: "E2E-0001" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "$49.00" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Manage billing" })).toBeVisible();
    await noSeriousFindings(page);
  } finally {
    await stopServer(server);
    await standIn.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
