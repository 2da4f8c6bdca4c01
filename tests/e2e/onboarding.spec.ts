import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";

const PASSWORD = "correct horse battery staple";
const email = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.test`;

async function signUp(page: Page, name: string, address: string) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(address);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function logIn(page: Page, address: string) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(address);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function switchTeam(page: Page, team: string) {
  await page.getByRole("button", { name: "Switch team" }).click();
  await page.getByRole("menuitem", { name: new RegExp(team) }).click();
  await expect(page.getByRole("button", { name: "Switch team" })).toContainText(team);
}

test("sign up, create a fleet, invite a member, log out and in, switch team", async ({ page, browser }) => {
  const owner = email("ada");
  const invitee = email("bob");

  await page.goto("/");
  await page.getByRole("link", { name: /get started/i }).first().click();
  await expect(page).toHaveURL(/\/signup/);
  await signUp(page, "Ada", owner);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await page.goto("/dashboard/fleets");
  await page.getByRole("button", { name: "New fleet" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Edge EU");
  await page.getByLabel("Description").fill("Frankfurt and Paris hosts");
  await page.getByRole("button", { name: "Create fleet" }).click();
  await expect(page.getByRole("table").getByRole("link", { name: "Edge EU" })).toBeVisible();

  await page.goto("/dashboard/settings/members");
  await page.getByLabel("Email", { exact: true }).fill(invitee);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/ocfi_/);

  await logOut(page);

  // The invitee signs up from the link in a browser of their own, and accepts.
  const other = await browser.newContext();
  const bob = await other.newPage();
  await bob.goto(link);
  await bob.getByRole("link", { name: /sign up/i }).click();
  await expect(bob).toHaveURL(/\/signup\?next=/);
  await signUp(bob, "Bob", invitee);
  await expect(bob).toHaveURL(/\/invite\//);
  await bob.getByRole("button", { name: "Accept invitation" }).click();
  await expect(bob).toHaveURL(/\/dashboard$/);
  await bob.goto("/dashboard/fleets");
  await expect(bob.getByRole("link", { name: "Edge EU" })).toBeVisible();
  await expect(bob.getByRole("button", { name: "New fleet" })).toHaveCount(0);

  await switchTeam(bob, "Bob's team");
  await expect(bob.getByRole("link", { name: "Edge EU" })).toHaveCount(0);
  await switchTeam(bob, "Ada's team");
  await expect(bob.getByRole("link", { name: "Edge EU" })).toBeVisible();
  await other.close();

  await logIn(page, owner);
  await page.goto("/dashboard/fleets");
  await expect(page.getByRole("link", { name: "Edge EU" })).toBeVisible();
  await page.goto("/dashboard/settings/members");
  await expect(page.getByRole("table", { name: "Members" }).getByRole("cell", { name: invitee, exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Invitations" }).getByRole("row", { name: new RegExp(invitee) })).toContainText("accepted");
});

test("protected pages send visitors to log in and back", async ({ page }) => {
  await page.goto("/dashboard/fleets");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard%2Ffleets/);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText(/email/i).first()).toBeVisible();
});
