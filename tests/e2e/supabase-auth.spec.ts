import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { generateKeyPair } from "jose";
import { startGoTrueStandIn, type GoTrueStandIn } from "../helpers/gotrue-standin";
import { startInstance, stopInstance, type Instance } from "./instance";
import { PASSWORD, watchCsp } from "./support";

// Sign-in through Supabase Auth in Chromium: a second server (scripts/server.mjs, as production runs)
// on the end-to-end database in Supabase Auth mode, its project being the GoTrue stand-in. Password,
// magic link and the OAuth provider the project enables each land on the dashboard in the person's
// own team; a forged session cookie is refused; no Content-Security-Policy violation on the way.

let gotrue: GoTrueStandIn;
let server: Instance | undefined;
let appUrl = "";

function e2eSettings() {
  const dir = path.resolve(".data/e2e");
  const port = readFileSync(path.join(dir, "postgres", "postmaster.pid"), "utf8").split("\n")[3]?.trim();
  const password = readFileSync(path.join(dir, "postgres-password"), "utf8").trim();
  const secrets = JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8")) as Record<string, string>;
  return { DATABASE_URL: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, ...secrets };
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  gotrue = await startGoTrueStandIn();
  server = await startInstance("supabase-auth", {
    ...e2eSettings(), DATA_DIR: ".data/e2e-supabase",
    NEXT_PUBLIC_SUPABASE_URL: gotrue.url, NEXT_PUBLIC_SUPABASE_ANON_KEY: gotrue.anonKey, SUPABASE_AUTH: "1",
  });
  appUrl = server.url;
});

test.afterAll(async () => {
  await stopInstance(server);
  await gotrue?.close();
});

async function expectOwnTeam(page: Page, team: string) {
  await expect(page).toHaveURL(`${appUrl}/dashboard`);
  await expect(page.getByRole("button", { name: "Switch team" })).toContainText(team);
}

test("e-mail and password sign in through Supabase, land in the person's own team, and sign out of Supabase too", async ({ page }) => {
  const csp = watchCsp(page);
  const email = `supa-${Date.now()}@example.test`;
  gotrue.addUser(email, PASSWORD);
  await page.goto(`${appUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid login credentials" })).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expectOwnTeam(page, "Personal");
  await page.goto(`${appUrl}/dashboard/settings/account`);
  await expect(page.getByText("You sign in through Supabase Auth")).toBeVisible();

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.context().cookies()).filter((c) => c.name.startsWith("sb-127-auth-token"))).toEqual([]);
  await page.goto(`${appUrl}/dashboard`);
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  expect(csp).toEqual([]);
});

test("a magic link read from the stand-in signs in", async ({ page }) => {
  const csp = watchCsp(page);
  const email = `magic-${Date.now()}@example.test`;
  await page.goto(`${appUrl}/login?next=%2Fdashboard`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText(`We sent a sign-in link to ${email}`);
  const link = gotrue.lastLink(email);
  expect(link).toBeTruthy();
  await page.goto(link ?? "");
  await expectOwnTeam(page, "Personal");
  // Used once: the same link again is refused, and says so on the log-in page.
  const context = await page.context().browser()?.newContext();
  const again = await context?.newPage();
  await again?.goto(link ?? "");
  await expect(again?.getByRole("alert").filter({ hasText: "invalid or has expired" }) ?? page.locator("none")).toBeVisible();
  await context?.close();
  expect(csp).toEqual([]);
});

test("the OAuth provider the project enables signs in through the stand-in's authorize redirect", async ({ page }) => {
  const csp = watchCsp(page);
  gotrue.oauthEmail = `octo-${Date.now()}@example.test`;
  await page.goto(`${appUrl}/login`);
  await page.getByRole("button", { name: "Continue with GitHub" }).click();
  await expectOwnTeam(page, "Octo Cat's team");
  await expect(page.getByRole("button", { name: /Continue with Google/ })).toHaveCount(0);
  expect(csp).toEqual([]);
});

test("a forged session cookie is refused", async ({ page }) => {
  const csp = watchCsp(page);
  const person = gotrue.addUser(`forged-${Date.now()}@example.test`, PASSWORD);
  const { privateKey } = await generateKeyPair("ES256");
  const now = Math.floor(Date.now() / 1000);
  const forged = await gotrue.sign({ iss: gotrue.issuer, aud: "authenticated", sub: person.id, email: person.email, role: "authenticated", iat: now, exp: now + 3600 }, { key: privateKey });
  const value = `base64-${Buffer.from(JSON.stringify({ access_token: forged, refresh_token: "forged", expires_at: now + 3600, token_type: "bearer", user: { id: person.id } })).toString("base64url")}`;
  await page.context().addCookies([{ name: "sb-127-auth-token", value, url: appUrl }]);
  const me = await page.request.get(`${appUrl}/api/me`);
  expect(me.status()).toBe(401);
  expect(await me.json()).toMatchObject({ error: { code: "unauthorized" } });
  await page.goto(`${appUrl}/dashboard`);
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome back" })).toBeVisible();
  expect(csp).toEqual([]);
});
