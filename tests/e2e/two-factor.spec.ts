import { randomUUID } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { PASSWORD, apiAs, watchCsp } from "./support";
import { enrolTotp, nextTotpCode, totpCode } from "./two-factor-support";

// Two-factor in Chromium: an authenticator app set up on the account page and asked for at sign-in;
// a passkey made by Chromium's virtual authenticator, signing in with no password; and a team that
// requires two-factor leading a member to set it up before the dashboard.

const email = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.test`;

async function passwordStep(page: Page, address: string) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(address);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
}

async function signOut(context: BrowserContext, origin: string) {
  expect((await context.request.post("/api/auth/logout", { headers: { origin } })).status()).toBe(204);
}

test("a person sets up an authenticator app on the account page and signs in with password and code", async ({ browser, baseURL }) => {
  const origin = baseURL ?? "";
  const address = email("totp");
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  const violations = watchCsp(page);
  expect((await context.request.post("/api/auth/signup", { data: { email: address, password: PASSWORD, name: "Tess Totp" }, headers: { origin } })).status()).toBe(201);

  await page.goto("/dashboard/settings/account");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = await page.getByLabel("Secret key").inputValue();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code from your app").fill(totpCode(secret, 5));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("Wrong or already used")).toBeVisible();
  await page.getByLabel("Code from your app").fill(totpCode(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("On: signing in with your password asks for a code from the app.")).toBeVisible();

  await signOut(context, origin);
  await passwordStep(page, address);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  await page.getByLabel("Code from your app").fill(totpCode(secret, -1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("Wrong or already used")).toBeVisible();
  await page.getByLabel("Code from your app").fill(nextTotpCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
  await context.close();
});

test("a person adds a passkey and signs in with it alone, through Chromium's virtual authenticator", async ({ browser, baseURL }) => {
  // WebAuthn needs a domain, not an IP address: the same server as http://localhost.
  const origin = (baseURL ?? "").replace("127.0.0.1", "localhost");
  const address = email("passkey");
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  const violations = watchCsp(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });

  await page.goto("/signup");
  await page.getByLabel("Name").fill("Pia Passkey");
  await page.getByLabel("Email", { exact: true }).fill(address);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/dashboard/settings/account");
  await page.getByLabel("Passkey name").fill("Virtual key");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByRole("table", { name: "Passkeys" }).getByText("Virtual key")).toBeVisible();
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]?.isResidentCredential).toBe(true);

  // No password at all.
  await signOut(context, origin);
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // As the second factor after the password.
  await signOut(context, origin);
  await passwordStep(page, address);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(after.credentials[0]?.signCount).toBeGreaterThanOrEqual(2);
  expect(violations).toEqual([]);
  await context.close();
});

test("an owner requires two-factor; a member is led to set it up, then reaches the dashboard", async ({ browser, baseURL }) => {
  const origin = baseURL ?? "";
  const memberAddress = email("member");
  const owner = await browser.newContext({ baseURL: origin });
  expect((await owner.request.post("/api/auth/signup", { data: { email: email("owner"), password: PASSWORD, name: "Oona Owner" }, headers: { origin } })).status()).toBe(201);
  const asOwner = apiAs(owner.request, origin);
  await enrolTotp(owner.request, origin);
  const { activeTeamId } = await asOwner<{ activeTeamId: string }>("GET", "/api/me");
  await asOwner("PATCH", `/api/teams/${activeTeamId}`, { name: "Strict team" });
  const { invitation } = await asOwner<{ invitation: { url: string } }>("POST", `/api/teams/${activeTeamId}/invitations`, { email: memberAddress, role: "viewer" });

  const member = await browser.newContext({ baseURL: origin });
  expect((await member.request.post("/api/auth/signup", { data: { email: memberAddress, password: PASSWORD, name: "Milo Member" }, headers: { origin } })).status()).toBe(201);
  await apiAs(member.request, origin)("POST", "/api/invitations/accept", { token: new URL(invitation.url).pathname.split("/").pop() });
  await signOut(member, origin);

  const ownerPage = await owner.newPage();
  const violations = watchCsp(ownerPage);
  await ownerPage.goto("/dashboard/settings/team");
  await ownerPage.getByLabel("Require two-factor for every member").check();
  await expect(ownerPage.getByText("Two-factor is now required of every member")).toBeVisible();

  const page = await member.newPage();
  violations.push(...watchCsp(page));
  await passwordStep(page, memberAddress);
  await expect(page).toHaveURL(/\/setup-two-factor$/);
  await expect(page.getByText("Strict team requires two-factor sign-in of every member")).toBeVisible();
  const blocked = await member.request.get("/api/fleets");
  expect(blocked.status()).toBe(403);
  expect((await blocked.json()).error.code).toBe("two_factor_required");
  await page.goto("/dashboard/agents");
  await expect(page).toHaveURL(/\/setup-two-factor$/);

  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = await page.getByLabel("Secret key").inputValue();
  await page.getByLabel("Code from your app").fill(totpCode(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor sign-in is on" })).toBeVisible();
  await page.getByRole("link", { name: "Continue to the dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect((await member.request.get("/api/fleets")).status()).toBe(200);
  expect(violations).toEqual([]);
  await owner.close();
  await member.close();
});
