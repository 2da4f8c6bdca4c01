import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startRealtimeStandIn, type RealtimeStandIn } from "../helpers/realtime-standin";
import { createSupabaseDatabase } from "../helpers/supabase-database";
import { e2eServerSettings, startInstance, stopInstance, type Instance } from "./instance";
import { PASSWORD, apiAs, beat, pair, watchCsp } from "./support";

// Supabase mode for live status, in Chromium: a server (scripts/server.mjs, as production runs) on
// a database of the e2e cluster with Supabase's published realtime schema, its Supabase settings
// pointing at the Realtime stand-in fed from that database. A heartbeat posted to the app shows
// live through Realtime — not the SSE stream — with the Live badge, the announcement and no CSP
// violation.

const ANON_KEY = "anon-key-of-the-stand-in";
const JWT_SECRET = randomBytes(32).toString("base64url");

let database: Awaited<ReturnType<typeof createSupabaseDatabase>> | undefined;
let standIn: RealtimeStandIn | undefined;
let server: Instance | undefined;
let serverUrl = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await createSupabaseDatabase(e2eServerSettings().DATABASE_URL, "supabase_e2e");
  standIn = await startRealtimeStandIn({ anonKey: ANON_KEY, jwtSecret: JWT_SECRET, databaseUrl: database.url });
  server = await startInstance("the Supabase-mode server", {
    DATA_DIR: ".data/e2e-supabase",
    DATABASE_URL: database.url,
    SCHEDULER: "off",
    RATE_LIMIT_SIGNUPS_PER_HOUR: "200",
    NEXT_PUBLIC_SUPABASE_URL: standIn.url,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: ANON_KEY,
    SUPABASE_JWT_SECRET: JWT_SECRET,
  });
  serverUrl = server.url;
});

test.afterAll(async () => {
  await stopInstance(server);
  await standIn?.close();
  await database?.drop();
});

test("live status through Supabase Realtime", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: serverUrl });
  const page = await context.newPage();
  const violations = watchCsp(page);
  const streamRequests: string[] = [];
  const sockets: string[] = [];
  page.on("request", (r) => new URL(r.url()).pathname === "/api/stream" && streamRequests.push(r.url()));
  page.on("websocket", (ws) => sockets.push(ws.url()));

  const email = `supabase-live-${Date.now()}@example.test`;
  const signup = await page.request.post("/api/auth/signup", { data: { email, password: PASSWORD, name: "Realtime" }, headers: { origin: serverUrl } });
  expect(signup.status()).toBe(201);
  const { user, team } = (await signup.json()) as { user: { id: string }; team: { id: string } };
  const api = apiAs(page.request, serverUrl);
  const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Edge" });
  const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "nebula-3", region: "eu-west" });
  const sim = await pair(api, page.request, agent.id);

  await page.goto("/dashboard/agents");
  const row = page.locator(`tr[data-agent-id="${agent.id}"]`);
  await expect(row).toHaveAttribute("data-status", "pending");
  await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "open");
  // The page joined its team's private topic on the stand-in with a token minted for this person.
  expect(standIn?.joins).toContainEqual({ topic: `team:${team.id}`, sub: user.id, ok: true });
  expect(sockets.some((url) => url.startsWith(standIn?.url.replace(/^http/, "ws") + "/realtime/v1/websocket?"))).toBe(true);
  await page.evaluate(() => Object.assign(window, { __noReload: true }));

  await beat(page.request, sim);
  await expect(row).toHaveAttribute("data-status", "online", { timeout: 5000 });
  await expect(page.getByTestId("live-announcer")).toHaveText("nebula-3 is now online (was pending).");
  await beat(page.request, sim, { cpuPct: 91 }, false);
  await expect(row).toHaveAttribute("data-status", "degraded", { timeout: 5000 });
  await expect(row).toContainText("91 %");
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  expect(standIn?.delivered).toBeGreaterThan(0);
  expect(streamRequests).toEqual([]);
  expect(violations).toEqual([]);
  await context.close();
});
