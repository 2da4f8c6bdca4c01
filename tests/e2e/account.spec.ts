import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, apiAs, watchCsp } from "./support";

// The account page in Chromium: name, password, sessions; and a password reset link an owner makes
// for a member, who sets a new password with it and signs in.

const NEW_PASSWORD = "a brand new passphrase";
const email = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.test`;

async function logIn(page: Page, address: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(address);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("a person changes their name and password, sees two sessions and ends the other one", async ({ browser, baseURL }) => {
  const origin = baseURL ?? "";
  const address = email("acct");
  const first = await browser.newContext({ baseURL: origin });
  const page = await first.newPage();
  const violations = watchCsp(page);
  expect((await first.request.post("/api/auth/signup", { data: { email: address, password: PASSWORD, name: "Ada" }, headers: { origin } })).status()).toBe(201);

  await page.goto("/dashboard");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/dashboard\/settings\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();

  const name = "Ada <b>Lovelace</b> 'O'Brien' 🚀";
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is wrong")).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed")).toBeVisible();

  const second = await browser.newContext({ baseURL: origin });
  const other = await second.newPage();
  await logIn(other, address, NEW_PASSWORD);

  await page.reload();
  const sessions = page.getByRole("table", { name: "Sessions" });
  await expect(sessions.getByRole("row")).toHaveCount(3);
  await expect(sessions.getByText("this device")).toHaveCount(1);
  await sessions.getByRole("button", { name: /^End session on/ }).click();
  await expect(page.getByText("Session ended")).toBeVisible();
  await expect(sessions.getByRole("row")).toHaveCount(2);

  await other.goto("/dashboard/settings/account");
  await expect(other).toHaveURL(/\/login\?next=/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  expect(violations).toEqual([]);
  await first.close();
  await second.close();
});

test("an owner makes a reset link for a member, who sets a new password with it and signs in", async ({ browser, baseURL }) => {
  const origin = baseURL ?? "";
  const memberAddress = email("member");
  const owner = await browser.newContext({ baseURL: origin });
  expect((await owner.request.post("/api/auth/signup", { data: { email: email("owner"), password: PASSWORD, name: "Olive Owner" }, headers: { origin } })).status()).toBe(201);
  const asOwner = apiAs(owner.request, origin);
  const { activeTeamId } = await asOwner<{ activeTeamId: string }>("GET", "/api/me");
  const { invitation } = await asOwner<{ invitation: { url: string } }>("POST", `/api/teams/${activeTeamId}/invitations`, { email: memberAddress, role: "viewer" });

  const member = await browser.newContext({ baseURL: origin });
  expect((await member.request.post("/api/auth/signup", { data: { email: memberAddress, password: PASSWORD, name: "Max Member" }, headers: { origin } })).status()).toBe(201);
  await apiAs(member.request, origin)("POST", "/api/invitations/accept", { token: new URL(invitation.url).pathname.split("/").pop() });
  await member.close();

  const page = await owner.newPage();
  const violations = watchCsp(page);
  await page.goto("/dashboard/settings/members");
  await page.getByRole("button", { name: `Reset link for ${memberAddress}` }).click();
  const dialog = page.getByRole("dialog", { name: `Password reset link for ${memberAddress}` });
  const link = await dialog.getByLabel("Reset link").inputValue();
  expect(link).toMatch(/\/reset-password#token=ocfr_/);
  await owner.close();

  const fresh = await browser.newContext({ baseURL: origin });
  const reset = await fresh.newPage();
  const resetViolations = watchCsp(reset);
  const requests: string[] = [];
  reset.on("request", (req) => requests.push(req.url()));
  await reset.goto(link);
  await expect(reset.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await expect(reset).toHaveURL(/\/reset-password$/);
  await reset.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await reset.getByLabel("New password again").fill(NEW_PASSWORD);
  await reset.getByRole("button", { name: "Set the new password" }).click();
  await expect(reset.getByText("Your new password is set")).toBeVisible();
  expect(requests.filter((url) => (url.split("#")[0] ?? "").includes("ocfr_")), "the secret never leaves the browser in a URL").toEqual([]);

  await reset.getByRole("link", { name: "Log in" }).click();
  await reset.getByLabel("Email", { exact: true }).fill(memberAddress);
  await reset.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await reset.getByRole("button", { name: "Log in" }).click();
  await expect(reset.getByText("E-mail or password is wrong")).toBeVisible();
  await logIn(reset, memberAddress, NEW_PASSWORD);

  // The same link a second time: one clear message.
  await reset.goto(link);
  await reset.getByLabel("New password", { exact: true }).fill("yet another passphrase");
  await reset.getByLabel("New password again").fill("yet another passphrase");
  await reset.getByRole("button", { name: "Set the new password" }).click();
  await expect(reset.getByText("This reset link is invalid, expired or already used; ask for a new one")).toBeVisible();
  expect([...violations, ...resetViolations]).toEqual([]);
  await fresh.close();
});
