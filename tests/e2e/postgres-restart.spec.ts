import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type BrowserContext } from "@playwright/test";
import { startDebianPostgres } from "./debian-postgres";
import { startInstance, stopInstance, type Instance } from "./instance";
import { PASSWORD, apiAs, beat, pair, waitFor, type SimAgent } from "./support";

// PostgreSQL restarted under load, on an external server (Debian's, not the embedded one): while
// agents send heartbeats as fast as they are answered, the database is stopped as a crash stops it
// (`pg_ctl -m immediate`: no shutdown checkpoint, recovery from the WAL) and started again. While it
// is down the app answers 503 `unavailable` with Retry-After, never a 500; afterwards it reconnects
// by itself (request pool, ingest worker, the live stream's LISTEN); and every heartbeat it answered
// 200 is in the database.

const AGENTS = 8;

test("PostgreSQL restarted under load: 503 while down, back by itself, live again, nothing acknowledged lost", async ({ browser }) => {
  test.setTimeout(240_000);
  const pg = await startDebianPostgres("restart-db-password-0123456789");
  const data = mkdtempSync(path.join(tmpdir(), "restart-data-"));
  let app: Instance | undefined;
  let context: BrowserContext | undefined;
  try {
    app = await startInstance("on Debian's PostgreSQL", {
      DATABASE_URL: pg.url,
      DATA_DIR: data,
      RATE_LIMIT_HEARTBEATS_PER_MINUTE: "100000",
      RATE_LIMIT_API_PER_MINUTE: "100000",
    });
    const origin = app.url;
    context = await browser.newContext({ baseURL: origin });
    const page = await context.newPage();
    const request = page.request;
    expect((await request.post("/api/auth/signup", { data: { email: `restart-${Date.now()}@example.test`, password: PASSWORD, name: "Restart" }, headers: { origin } })).status()).toBe(201);
    const api = apiAs(request, origin);
    const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Under load" });
    const agents: SimAgent[] = [];
    for (let i = 0; i < AGENTS; i += 1) {
      const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: `load-${i}` });
      agents.push(await pair(api, request, agent.id));
    }
    const { agent: late } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "first-beat-after-restart" });
    const lateSim = await pair(api, request, late.id);

    // The agents list, live, in a browser; marked so a reload would show.
    await page.goto("/dashboard/agents");
    await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "open", { timeout: 30_000 });
    await page.evaluate(() => ((window as unknown as { restartMarker: number }).restartMarker = 1));

    // Load: every agent sends its next heartbeat as soon as the last one is answered.
    const acknowledged: Array<[string, number]> = [];
    const refusals = new Map<string, number>();
    let stopping = false;
    const load = agents.map(async (agent) => {
      while (!stopping) {
        const seq = agent.seq + 1;
        try {
          await beat(request, agent, { cpuPct: 10 + (seq % 50) }, true);
          acknowledged.push([agent.id, seq]);
        } catch (error) {
          const reason = /heartbeat: (\d+) .*"code":"(\w+)"/.exec(String(error));
          const key = reason ? `${reason[1]} ${reason[2]}` : String(error).slice(0, 120);
          refusals.set(key, (refusals.get(key) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    });
    await waitFor("acknowledged heartbeats before the restart", async () => (acknowledged.length >= 200 ? true : undefined), 60_000);
    const before = acknowledged.length;
    const stopped = Date.now();
    const refusedBefore = [...refusals.values()].reduce((a, b) => a + b, 0);
    await pg.restart("immediate", 3_000);
    const restartedMs = Date.now() - stopped;
    // Back by itself: heartbeats are acknowledged again without the app being touched.
    await waitFor("heartbeats acknowledged after the restart", async () => (acknowledged.length >= before + 200 ? true : undefined), 60_000);
    const recoveredMs = Date.now() - stopped;
    stopping = true;
    await Promise.all(load);

    // While the database was down the app said so: 503 unavailable, never a 500.
    expect(refusedBefore).toBe(0);
    expect(refusals.get("503 unavailable") ?? 0).toBeGreaterThan(0);
    for (const key of refusals.keys()) expect(key, [...refusals].join("; ")).toMatch(/^503 unavailable$/);
    const health = await (await request.get("/api/health")).json() as { ok: boolean; db: string };
    expect(health).toMatchObject({ ok: true, db: "ok" });

    // The live stream listens again: an agent's first heartbeat shows in the open page, no reload.
    await beat(request, lateSim, {}, true);
    await expect(page.getByRole("row").filter({ hasText: "first-beat-after-restart" })).toContainText(/online/i, { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { restartMarker?: number }).restartMarker)).toBe(1);

    // Nothing acknowledged was lost: every (agent, seq) answered 200 is a row.
    const pairs = acknowledged.map(([id, seq]) => `('${id}'::uuid, ${seq})`).join(",");
    const found = Number(pg.psql(`select count(*) from heartbeats h join (values ${pairs}) as t(a, s) on h.agent_id = t.a and h.seq = t.s`).trim());
    console.log(
      `PostgreSQL down and up in ${restartedMs} ms; acknowledged again ${recoveredMs} ms after the stop; ` +
        `${acknowledged.length} acknowledged, ${found} found; refusals while down: ${JSON.stringify(Object.fromEntries(refusals))}`,
    );
    expect(found).toBe(acknowledged.length);
    expect(app.log.join("")).not.toMatch(/unhandled error/);
  } finally {
    await context?.close();
    await stopInstance(app);
    pg.stop();
    rmSync(data, { recursive: true, force: true });
  }
});
