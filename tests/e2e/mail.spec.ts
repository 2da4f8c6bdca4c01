import { expect, test } from "@playwright/test";
import { PASSWORD } from "./support";
import { enrolTotp, nextTotpCode } from "./two-factor-support";
import { linkIn, mailPorts, startAppWithMail, startSmtpServer, type AppServer, type SmtpStandIn } from "./mail-support";

// Forgot password, end to end: a server with SMTP_URL pointing at an SMTP server in this process;
// in Chromium a person who has an authenticator app on asks for a link, the mail arrives, the link
// sets a new password, and the person signs in with it and a code from the app.

const NEW_PASSWORD = "a fresh passphrase 2026";

test("a person who forgot the password gets a link by mail, sets a new one and signs in with it and an app code", async ({ browser }) => {
  test.setTimeout(240_000);
  const ports = mailPorts();
  let smtp: SmtpStandIn | undefined;
  let app: AppServer | undefined;
  try {
    smtp = await startSmtpServer(ports.smtp);
    app = await startAppWithMail(ports.app, smtp.url);
    const email = `forgot-${Date.now()}@example.test`;
    const signup = await browser.newContext({ baseURL: app.url });
    expect((await signup.request.post("/api/auth/signup", { data: { email, password: PASSWORD, name: "Forgetful" }, headers: { origin: app.url } })).status()).toBe(201);
    const { secret } = await enrolTotp(signup.request, app.url);
    await signup.close();

    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Mail me a reset link" }).click();
    await expect(page.getByRole("status")).toContainText("If an account uses this address");

    const mail = await smtp.waitForMail(email, { timeoutMs: 30_000 });
    expect(mail.subject).toBe("Reset your OpenClaw Fleet password");
    const link = linkIn(mail, "/reset-password#token=");
    expect(link.startsWith(`${app.url}/reset-password#token=`)).toBe(true);

    await page.goto(link);
    await expect(page).toHaveURL(`${app.url}/reset-password`); // the secret left the address bar
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("New password again").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Set the new password" }).click();
    await expect(page.getByRole("status")).toContainText("Your new password is set");
    await page.getByRole("link", { name: "Log in" }).click();

    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    // A new password does not turn two-factor off: the app's code is the second step.
    await expect(page).toHaveURL(/\/login\/two-factor$/);
    await page.getByLabel("Code from your app").fill(nextTotpCode(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/dashboard/);
    await context.close();
  } finally {
    await app?.stop();
    await smtp?.close();
  }
});
