import { expect, test } from "@playwright/test";
import { PASSWORD, e2eDatabase } from "./support";

// Text is what people type: a fleet named with markup and SQL is stored and shown exactly as typed,
// as text: no script runs, no dialog opens, no table is dropped.

const NAME = "<img src=x onerror=alert(1)>'; drop table fleets;--";
const DESCRIPTION = 'Paris; "edge" -- <script>alert(2)</script>\nsecond line';
const AGENT = "Robert'); DROP TABLE agents;-- <b>bold</b> 🚀";

test("a fleet and an agent named with markup and SQL show exactly that text", async ({ page, baseURL }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const origin = baseURL ?? "";
  expect((await page.request.post("/api/auth/signup", { data: { email: `typed-${Date.now()}@example.test`, password: PASSWORD, name: "Tess <Typed>" }, headers: { origin } })).status()).toBe(201);

  await page.goto("/dashboard/fleets");
  await page.getByRole("button", { name: "New fleet" }).click();
  await page.getByLabel("Name", { exact: true }).fill(NAME);
  await page.getByLabel("Description").fill(DESCRIPTION);
  await page.getByRole("button", { name: "Create fleet" }).click();
  const link = page.getByRole("table").getByRole("link", { name: NAME, exact: true });
  await expect(link).toHaveText(NAME);
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);
  await expect(page.getByText("second line", { exact: false })).toContainText('Paris; "edge" -- <script>alert(2)</script>');

  await page.goto("/dashboard/agents");
  await page.getByRole("button", { name: "New agent" }).click();
  await page.getByLabel("Name", { exact: true }).fill(AGENT);
  await expect(page.getByRole("dialog", { name: "New agent" }).getByLabel("Fleet")).toContainText(NAME);
  await page.getByRole("button", { name: "Add agent" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(AGENT);
  await page.goto("/dashboard/agents");
  await expect(page.getByRole("table").getByRole("link", { name: AGENT, exact: true })).toBeVisible();
  await expect(page.getByRole("table")).toContainText(NAME);

  // No markup became an element, no script ran, and the name reads back byte for byte.
  expect(await page.locator("img[src='x']").count()).toBe(0);
  expect(await page.evaluate(() => document.querySelectorAll("b").length)).toBe(0);
  expect(dialogs).toEqual([]);
  const api = await (await page.request.get("/api/fleets")).json() as { fleets: { name: string; description: string }[] };
  expect(api.fleets.map((f) => f.name)).toContain(NAME);
  expect(api.fleets.find((f) => f.name === NAME)?.description).toBe(DESCRIPTION);

  const sql = e2eDatabase();
  try {
    const tables = await sql<{ tablename: string }[]>`select tablename from pg_tables where schemaname = 'public' and tablename in ('fleets', 'agents', 'users', 'teams')`;
    expect(tables.map((t) => t.tablename).sort()).toEqual(["agents", "fleets", "teams", "users"]);
    const [row] = await sql<{ name: string; bytes: string }[]>`select name, encode(convert_to(name, 'UTF8'), 'hex') as bytes from fleets where name = ${NAME}`;
    expect(row?.bytes).toBe(Buffer.from(NAME).toString("hex"));
  } finally {
    await sql.end();
  }
});
