import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { expect, test } from "@playwright/test";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { startServer, stopServer, type Server } from "../helpers/process";

// `npm start` as a person runs it: the fleet survives a restart on the embedded database, and with
// DATABASE_URL set the server uses that database instead. Start-up times are printed for the record.

async function api(server: Server, method: string, route: string, body?: unknown, cookie?: string) {
  const res = await fetch(`${server.url}${route}`, {
    method,
    headers: { "content-type": "application/json", origin: server.url, ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> | null, cookies };
}

test("the fleet is still there after a restart on the embedded database", async () => {
  test.setTimeout(180_000);
  const dataDir = await mkdtemp(path.join(tmpdir(), "fleet-restart-"));
  try {
    const first = await startServer(3221, { DATA_DIR: dataDir });
    const email = `restart-${Date.now()}@example.test`;
    const signup = await api(first, "POST", "/api/auth/signup", { email, password: "correct horse battery staple" });
    expect(signup.status).toBe(201);
    expect((await api(first, "POST", "/api/fleets", { name: "Survivor" }, signup.cookies)).status).toBe(201);
    await stopServer(first);
    expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid")), "PostgreSQL stopped with the server").toBe(false);

    const second = await startServer(3221, { DATA_DIR: dataDir });
    const login = await api(second, "POST", "/api/auth/login", { email, password: "correct horse battery staple" });
    expect(login.status).toBe(200);
    const fleets = await api(second, "GET", "/api/fleets", undefined, login.cookies);
    expect(JSON.stringify(fleets.json)).toContain("Survivor");
    await stopServer(second);
    console.log(`npm start until healthy: first run ${first.startedInMs} ms (initdb), later run ${second.startedInMs} ms`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("with DATABASE_URL set, the server uses that database and embeds nothing", async () => {
  test.setTimeout(180_000);
  const external = await mkdtemp(path.join(tmpdir(), "fleet-external-"));
  const dataDir = await mkdtemp(path.join(tmpdir(), "fleet-data-"));
  const pg = await startEmbeddedPostgres({ dataDir: external, fast: true });
  try {
    const server = await startServer(3222, { DATA_DIR: dataDir, DATABASE_URL: pg.url });
    const email = `external-${Date.now()}@example.test`;
    expect((await api(server, "POST", "/api/auth/signup", { email, password: "correct horse battery staple" })).status).toBe(201);
    await stopServer(server);
    const sql = postgres(pg.url, { max: 1 });
    expect(await sql`select email from users where email = ${email}`).toHaveLength(1);
    await sql.end();
    expect(existsSync(path.join(dataDir, "postgres")), "no embedded cluster was created").toBe(false);
  } finally {
    await pg.stop();
    await rm(external, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
});
