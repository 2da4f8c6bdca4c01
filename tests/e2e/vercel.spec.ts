import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { freeGatewayPort } from "../helpers/gateway-port";
import { nobody, startDebianPostgres } from "./debian-postgres";
import { PASSWORD, apiAs, beat, pair, waitFor, type SimAgent } from "./support";

// Vercel as far as this machine allows. The app is built as Vercel builds it (`npm run build` with
// the variables Vercel sets), then run as Vercel runs it: Next.js's own server with no server of
// ours in front, by a user who can write nowhere, against an external PostgreSQL (Debian's), every
// step in a fresh process killed without warning afterwards, as functions are frozen and dropped.
// So a session, a pairing, a heartbeat and a scheduled job each work with nothing kept on a local
// disk or in a process's memory, and the jobs run only when Vercel Cron calls them.

const root = process.cwd();
const SECRETS = {
  SESSION_SECRET: "dmVyY2VsLXNlc3Npb24tc2VjcmV0LWZvci10aGUtdGVzdA",
  CRON_SECRET: "dmVyY2VsLWNyb24tc2VjcmV0LWZvci10aGUtdGVzdC0wMTIz",
  ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 9).toString("base64")}`,
};
// What Vercel sets in its builds and functions (https://vercel.com/docs/environment-variables/system-environment-variables).
const VERCEL_ENV = { VERCEL: "1", CI: "1", VERCEL_ENV: "production", VERCEL_URL: "fleet-test.vercel.app", VERCEL_REGION: "fra1", NEXT_TELEMETRY_DISABLED: "1" };

type Cold = { process: ChildProcess; log: string[]; url: string };

test("built with Vercel's settings, every request served by a fresh process that can write nowhere: sessions, pairing, heartbeats and cron jobs", async () => {
  test.setTimeout(900_000);
  const user = nobody();
  const work = mkdtempSync(path.join(tmpdir(), "vercel-"));
  execFileSync("chmod", ["755", work]);
  const app = path.join(work, "app");
  const pg = await startDebianPostgres("vercel-db-password-0123456789");
  let running: Cold | undefined;
  const logs: string[] = [];
  try {
    // The checkout as Vercel clones it (tracked files), with the installed dependencies.
    mkdirSync(app);
    const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
    for (const file of files) if (existsSync(path.join(root, file))) cpSync(path.join(root, file), path.join(app, file), { recursive: true });
    execFileSync("cp", ["-al", path.join(root, "node_modules"), path.join(app, "node_modules")]);
    const vercel = JSON.parse(readFileSync(path.join(app, "vercel.json"), "utf8")) as { crons: { path: string; schedule: string }[] };

    // Vercel's build: `npm run build` with its variables (nothing from this machine's .data or .env).
    const built = Date.now();
    execFileSync("npm", ["run", "build"], { cwd: app, env: { PATH: process.env.PATH, HOME: work, ...VERCEL_ENV, NODE_ENV: "production" }, stdio: "ignore" });
    console.log(`npm run build with Vercel's settings: ${Math.round((Date.now() - built) / 1000)} s`);
    execFileSync("chmod", ["-R", "go-w", app]);
    const marker = path.join(work, "marker");
    writeFileSync(marker, "");

    const port = await freeGatewayPort();
    const url = `http://127.0.0.1:${port}`;
    // A function's cold start: Next.js's own server, unprivileged, HOME and TMPDIR not writable, no DATA_DIR.
    const cold = async (): Promise<Cold> => {
      const log: string[] = [];
      const child = spawn("setpriv", [...user.setpriv, process.execPath, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
        cwd: app,
        env: { PATH: "/usr/bin:/bin", HOME: "/nonexistent", TMPDIR: "/nonexistent", NODE_ENV: "production", ...VERCEL_ENV, ...SECRETS, DATABASE_URL: pg.url, APP_URL: url },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout?.on("data", (c: Buffer) => log.push(c.toString()));
      child.stderr?.on("data", (c: Buffer) => log.push(c.toString()));
      await waitFor("a fresh function process", async () => {
        if (child.exitCode !== null) throw new Error(`exited: ${log.join("")}`);
        return (await fetch(`${url}/api/health`).catch(() => null))?.ok ? true : undefined;
      }, 120_000).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${log.join("")}`);
      });
      running = { process: child, log, url };
      return running;
    };
    const drop = async (instance: Cold) => {
      const exited = new Promise((resolve) => instance.process.once("exit", resolve));
      if (instance.process.pid) process.kill(instance.process.pid, "SIGKILL");
      await exited;
      logs.push(instance.log.join(""));
      running = undefined;
    };
    const step = async <T>(what: (request: APIRequestContext) => Promise<T>, request: APIRequestContext): Promise<T> => {
      const instance = await cold();
      try {
        return await what(request);
      } finally {
        await drop(instance);
      }
    };

    const request = await playwrightRequest.newContext({ baseURL: url });
    try {
      const api = apiAs(request, url);
      // 1. A person signs up: the session is a row in the database, the cookie its only trace here.
      await step(async (r) => {
        expect((await r.post("/api/auth/signup", { data: { email: `vercel-${Date.now()}@example.test`, password: PASSWORD, name: "Vercel" }, headers: { origin: url } })).status()).toBe(201);
      }, request);
      // 2. Another process knows the session, and makes a fleet, an agent and a pairing code.
      const agentId = await step(async () => {
        expect((await api<{ user: { name: string } }>("GET", "/api/me")).user.name).toBe("Vercel");
        const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Serverless" });
        const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "edge-1", heartbeatIntervalS: 5, graceS: 0 });
        return agent.id;
      }, request);
      // 3. No job runs by itself (SCHEDULER is off on Vercel); each cron path in vercel.json runs when
      //    Vercel Cron calls it with CRON_SECRET, and is refused without it.
      await step(async (r) => {
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        expect(running?.log.join("")).not.toMatch(/\[jobs\]/);
        expect(vercel.crons.length).toBeGreaterThanOrEqual(4);
        for (const cron of vercel.crons) {
          expect((await r.get(cron.path)).status(), cron.path).toBe(401);
          const res = await r.get(cron.path, { headers: { authorization: `Bearer ${SECRETS.CRON_SECRET}` } });
          expect(res.status(), `${cron.path}: ${await res.text()}`).toBe(200);
        }
      }, request);
      // 4. The agent pairs in one process and heartbeats in the next two (its replay window is in the database).
      let sim: SimAgent | undefined;
      await step(async (r) => {
        sim = await pair(api, r, agentId);
      }, request);
      if (!sim) throw new Error("not paired");
      const paired = sim;
      await step(async (r) => {
        await beat(r, paired, { cpuPct: 33 });
      }, request);
      await step(async (r) => {
        await beat(r, paired, { cpuPct: 34 });
        expect((await api<{ agent: { status: string; lastSeq: number } }>("GET", `/api/agents/${agentId}`)).agent).toMatchObject({ status: "online", lastSeq: 2 });
        // A replayed heartbeat is refused by a process that never saw the first one.
        paired.seq -= 1;
        await expect(beat(r, paired, { cpuPct: 34 })).rejects.toThrow(/heartbeat: 409/);
      }, request);

      // 5. The quiet agent, past its deadline, stays online until the scheduled check runs (nothing
      //    runs it in between), then is stale or, if the check came late enough, offline.
      await new Promise((resolve) => setTimeout(resolve, 7_000));
      await step(async (r) => {
        expect((await api<{ agent: { status: string } }>("GET", `/api/agents/${agentId}`)).agent.status).toBe("online");
        const res = await r.get("/api/cron/check-stale?force=1", { headers: { authorization: `Bearer ${SECRETS.CRON_SECRET}` } });
        expect(res.status()).toBe(200);
        expect(["stale", "offline"]).toContain((await api<{ agent: { status: string } }>("GET", `/api/agents/${agentId}`)).agent.status);
      }, request);
    } finally {
      await request.dispose();
    }

    // Nothing was written to a local disk by any of those processes, and none of them tried.
    const written = execFileSync("find", ["/tmp", app, "-xdev", "-user", String(user.uid), "-newer", marker, "-not", "-path", "/tmp/debian-pg-*"], { encoding: "utf8" }).trim();
    expect(written).toBe("");
    expect(logs.join("")).not.toMatch(/EACCES|EROFS|permission denied|unhandled error/i);
  } finally {
    if (running?.process.pid && running.process.exitCode === null) process.kill(running.process.pid, "SIGKILL");
    pg.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
