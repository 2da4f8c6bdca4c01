import { readFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../helpers/process";
import { startUpstashStandIn, type UpstashStandIn } from "../helpers/upstash-rest";
import { startInstance, stopInstance, type Instance } from "./instance";
import { PASSWORD, apiAs, beat, e2eDatabase, pair } from "./support";

// Several instances behind one database: two real server processes (scripts/server.mjs, as
// production runs) on the end-to-end server's PostgreSQL, with rate limits in Redis behind the
// Upstash stand-in. A heartbeat taken by one shows live in a browser served by the other; a job
// asked of both at once runs once; limits count across both; and a browser whose instance is
// killed carries on through the other without reloading the page.

/** The e2e server's database and secrets (DATA_DIR .data/e2e): the same for every instance. */
function shared() {
  const dir = path.resolve(".data/e2e");
  const port = readFileSync(path.join(dir, "postgres", "postmaster.pid"), "utf8").split("\n")[3]?.trim();
  const password = readFileSync(path.join(dir, "postgres-password"), "utf8").trim();
  const secrets = JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8")) as Record<string, string>;
  return { databaseUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, secrets };
}

/**
 * A reverse proxy on loopback in front of the instances: each request goes to the first instance
 * that accepts the connection, as a load balancer's health-checked pool would (streams included).
 */
async function startProxy(targets: () => Instance[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const attempt = (i: number) => {
      const target = targets()[i];
      if (!target) {
        res.writeHead(502).end();
        return;
      }
      const upstream = httpRequest(`${target.url}${req.url ?? "/"}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        // An instance that dies mid-answer (a stream) closes the browser's connection too, as a real proxy does.
        answer.on("close", () => {
          if (!answer.complete) res.destroy();
        });
      });
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        if (!res.headersSent && error.code === "ECONNREFUSED") attempt(i + 1);
        else res.destroy();
      });
      req.pipe(upstream);
    };
    attempt(0);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, server };
}

test("two instances on one database: live across them, jobs once, shared limits, and a browser that survives its instance", async ({ browser }) => {
  test.setTimeout(300_000);
  const { databaseUrl, secrets } = shared();
  let upstash: UpstashStandIn | undefined;
  let a: Instance | undefined;
  let b: Instance | undefined;
  let proxy: { url: string; server: Server } | undefined;
  try {
    upstash = await startUpstashStandIn();
    const env = {
      DATABASE_URL: databaseUrl,
      DATA_DIR: ".data/e2e-instances",
      ...secrets,
      UPSTASH_REDIS_REST_URL: upstash.url,
      UPSTASH_REDIS_REST_TOKEN: upstash.token,
      // Sign-ups per address per hour: the first person below, then three more across both instances.
      RATE_LIMIT_SIGNUPS_PER_HOUR: "4",
    };
    [a, b] = [await startInstance("A", env), await startInstance("B", env)];
    const [first, second] = [a, b];
    proxy = await startProxy(() => [first, second].filter((i) => i.process.exitCode === null && i.process.signalCode === null));

    // A person signs up through the proxy (instance A) and opens the agents list there.
    const context = await browser.newContext({ baseURL: proxy.url });
    const page = await context.newPage();
    const origin = proxy.url;
    expect((await page.request.post("/api/auth/signup", { data: { email: `instances-${Date.now()}@example.test`, password: PASSWORD, name: "Two" }, headers: { origin } })).status()).toBe(201);
    const api = apiAs(page.request, origin);
    const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Spread" });
    const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "two-homes" });
    const sim = await pair(api, page.request, agent.id);
    await page.goto("/dashboard/agents");
    const row = page.locator(`tr[data-agent-id="${agent.id}"]`);
    await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "open");
    await page.evaluate(() => Object.assign(window, { __noReload: true }));

    // 1. A heartbeat taken by instance B shows live in the page served by instance A.
    const direct = await browser.newContext({ baseURL: second.url });
    await beat(direct.request, sim);
    await expect(row).toHaveAttribute("data-status", "online", { timeout: 5_000 });

    // 2. A job falling due, asked of both instances at the same moment (as both schedulers would), runs once:
    // the other finds it running elsewhere, or, if the first already finished, run recently.
    const db = e2eDatabase();
    try {
      await db`update job_runs set last_started_at = now() - interval '1 hour' where job = 'check-stale'`;
    } finally {
      await db.end();
    }
    const cron = (i: Instance) => fetch(`${i.url}/api/cron/check-stale`, { headers: { authorization: `Bearer ${secrets.CRON_SECRET}` } }).then((r) => r.json() as Promise<{ ran: boolean; reason?: string }>);
    const runs = await Promise.all([cron(first), cron(second)]);
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    expect(["running elsewhere", "ran recently"]).toContain(runs.find((r) => !r.ran)?.reason);

    // 3. Limits are counted in Redis: sign-ups from one address, four an hour here, across both instances.
    const requestsBefore = upstash.requests();
    const statuses: number[] = [];
    for (const [i, target] of [second, first, second, first].entries()) {
      const res = await fetch(`${target.url}/api/auth/signup`, { method: "POST", headers: { "content-type": "application/json", origin: target.url }, body: JSON.stringify({ email: `instances-${i}-${Date.now()}@example.test`, password: PASSWORD }) });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(upstash.requests()).toBeGreaterThan(requestsBefore);
    await direct.close();

    // 4. Instance A dies; the page's live stream reconnects through the proxy to B, no reload.
    // The page notes every state its badge passes through (a MutationObserver, no polling).
    await page.evaluate(() => {
      const badge = document.querySelector('[data-testid="live-badge"]');
      const states: string[] = [];
      Object.assign(window, { __states: states });
      if (badge) new MutationObserver(() => states.push(badge.getAttribute("data-state") ?? "")).observe(badge, { attributes: true, attributeFilter: ["data-state"] });
    });
    await stopInstance(first, "SIGKILL");
    const states = () => page.evaluate(() => (window as unknown as { __states: string[] }).__states);
    await expect.poll(async () => (await states()).some((state) => state !== "open"), { timeout: 15_000 }).toBe(true);
    await expect(page.getByTestId("live-badge")).toHaveAttribute("data-state", "open", { timeout: 30_000 });
    await beat(page.request, sim, { cpuPct: 94 }, false);
    await expect(row).toHaveAttribute("data-status", "degraded", { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await context.close();
  } finally {
    await stopInstance(a);
    await stopInstance(b);
    proxy?.server.closeAllConnections();
    await new Promise((resolve) => proxy?.server.close(resolve) ?? resolve(undefined));
    await upstash?.stop();
  }
});
