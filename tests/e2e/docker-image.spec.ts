import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { freeGatewayPort } from "../helpers/gateway-port";
import { nobody, startDebianPostgres } from "./debian-postgres";
import { PASSWORD, apiAs, beat, pair, waitFor } from "./support";

// No Docker engine runs here, so what the image does is proven as far as this machine allows:
// `docker-compose.yml` is read by Docker Compose's own parser (Debian's docker-compose), and the
// standalone output is completed by the same script the Dockerfile runs, copied as the image copies
// it, and run as an unprivileged user with the environment the compose file gives the app, against
// a real PostgreSQL server from Debian's packages (not the embedded one).

const root = process.cwd();
const compose = (dir: string, ...args: string[]) => execFileSync("docker-compose", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const yamlToJson = (text: string) =>
  JSON.parse(execFileSync("python3", ["-c", "import sys, yaml, json; print(json.dumps(yaml.safe_load(sys.stdin)))"], { input: text, encoding: "utf8" })) as ComposeConfig;
type Service = { image?: string; build?: unknown; environment?: Record<string, string>; ports?: string[]; profiles?: string[]; depends_on?: Record<string, { condition: string }>; healthcheck?: { test: string[] }; volumes?: string[]; deploy?: { replicas?: number } };
type ComposeConfig = { services: Record<string, Service>; volumes?: Record<string, unknown> };

/** A copy of the compose project with `.env` made from `.env.example` plus `values`. */
function composeProject(values: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "compose-"));
  cpSync(path.join(root, "docker-compose.yml"), path.join(dir, "docker-compose.yml"));
  cpSync(path.join(root, "deploy"), path.join(dir, "deploy"), { recursive: true });
  let env = readFileSync(path.join(root, ".env.example"), "utf8");
  for (const [key, value] of Object.entries(values)) env = env.replace(new RegExp(`^#?\\s*${key}=.*$`, "m"), `${key}=${value}`);
  writeFileSync(path.join(dir, ".env"), env);
  return dir;
}

const SECRETS = {
  POSTGRES_PASSWORD: "compose-db-password-0123456789",
  SESSION_SECRET: "c2Vzc2lvbi1zZWNyZXQtZm9yLXRoZS1pbWFnZS10ZXN0",
  CRON_SECRET: "Y3Jvbi1zZWNyZXQtZm9yLXRoZS1pbWFnZS10ZXN0LTAxMjM=",
  ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}`,
};

test("docker-compose.yml passes Docker Compose's parser: the app waits for a healthy PostgreSQL, and the scale profile adds replicas, a proxy and Redis's REST front", () => {
  const dir = composeProject(SECRETS);
  try {
    const config = yamlToJson(compose(dir, "config"));
    const { app, db, replica, proxy } = config.services;
    expect(db?.image).toMatch(/^postgres:\d+/);
    expect(db?.healthcheck?.test.join(" ")).toContain("pg_isready");
    expect(db?.volumes?.[0]).toMatch(/^db-data:\/var\/lib\/postgresql\/data/);
    expect(Object.keys(config.volumes ?? {})).toContain("db-data");
    expect(app?.depends_on?.db?.condition).toBe("service_healthy");
    expect(app?.environment).toMatchObject({ DATABASE_URL: `postgres://fleet:${SECRETS.POSTGRES_PASSWORD}@db:5432/fleet`, HOSTNAME: "0.0.0.0", ...SECRETS });
    expect(app?.ports).toEqual(["127.0.0.1:3000:3000/tcp"]);
    expect(replica?.profiles).toEqual(["scale"]);
    expect(replica?.deploy?.replicas).toBe(2);
    expect(replica?.environment?.DATABASE_URL).toBe(app?.environment?.DATABASE_URL);
    expect(proxy?.profiles).toEqual(["scale"]);
    // `docker compose up` starts the app and the database; everything else belongs to the scale profile.
    const byProfile = Object.entries(config.services).map(([name, s]) => `${name}:${(s.profiles ?? ["default"]).join(",")}`).sort();
    expect(byProfile).toEqual(["app:default", "db:default", "proxy:scale", "redis-rest:scale", "redis:scale", "replica:scale"]);
    expect(config.services["redis-rest"]?.environment).toMatchObject({ SRH_MODE: "env", SRH_CONNECTION_STRING: "redis://redis:6379" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Without the database password, Compose refuses to start and says which setting is missing.
  const bare = composeProject({});
  try {
    writeFileSync(path.join(bare, ".env"), readFileSync(path.join(bare, ".env"), "utf8").replace(/^POSTGRES_PASSWORD=.*$/m, ""));
    expect(() => compose(bare, "config")).toThrow(/set POSTGRES_PASSWORD in \.env/);
  } finally {
    rmSync(bare, { recursive: true, force: true });
  }
  // The Dockerfile builds with the same assembling step as below, and runs unprivileged with a health check.
  const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
  expect(dockerfile).toMatch(/^RUN node cli\/build\.mjs && npx next build && node scripts\/assemble-standalone\.mjs$/m);
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/api\/health/m);
  expect(dockerfile).toMatch(/^CMD \["node", "scripts\/server\.mjs"\]$/m);
});

test("the image's standalone server runs unprivileged on Debian's PostgreSQL with the compose environment: health, sign-up, pairing, heartbeats", async () => {
  test.setTimeout(240_000);
  const user = nobody();
  const work = mkdtempSync(path.join(tmpdir(), "image-"));
  execFileSync("chmod", ["755", work]);
  const appPort = await freeGatewayPort();
  let server: ChildProcess | undefined;
  // A real PostgreSQL server, run by an unprivileged user as the official image does.
  const pg = await startDebianPostgres(SECRETS.POSTGRES_PASSWORD);
  try {
    // The standalone output, completed as the Dockerfile completes it, then copied and owned as the image's COPY --chown does.
    execFileSync(process.execPath, ["scripts/assemble-standalone.mjs"], { cwd: root, stdio: "ignore" });
    const app = path.join(work, "app");
    cpSync(path.join(root, ".next", "standalone"), app, { recursive: true });
    execFileSync("chown", ["-R", `${user.uid}:${user.gid}`, app]);
    const data = path.join(work, "data");
    execFileSync("mkdir", ["-p", data]);
    user.own(data);

    // Exactly the environment Compose gives the app, with the database's address on this machine.
    const project = composeProject(SECRETS);
    const composed = yamlToJson(compose(project, "config")).services.app?.environment ?? {};
    rmSync(project, { recursive: true, force: true });
    const environment: NodeJS.ProcessEnv = {
      ...composed,
      DATABASE_URL: (composed.DATABASE_URL ?? "").replace("@db:5432/", `@127.0.0.1:${pg.port}/`),
      HOSTNAME: "127.0.0.1",
      PORT: String(appPort),
      DATA_DIR: data,
      APP_URL: `http://127.0.0.1:${appPort}`,
      NODE_ENV: "production",
      PATH: "/usr/bin:/bin",
      HOME: data,
    };
    const log: string[] = [];
    const running = spawn("setpriv", [...user.setpriv, process.execPath, "scripts/server.mjs"], { cwd: app, env: environment, stdio: ["ignore", "pipe", "pipe"] });
    server = running;
    running.stdout?.on("data", (c: Buffer) => log.push(c.toString()));
    running.stderr?.on("data", (c: Buffer) => log.push(c.toString()));
    const origin = `http://127.0.0.1:${appPort}`;
    await waitFor("the standalone server's health", async () => {
      if (running.exitCode !== null) throw new Error(`exited: ${log.join("")}`);
      const res = await fetch(`${origin}/api/health`).catch(() => null);
      return res?.ok ? true : undefined;
    }, 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${log.join("")}`);
    });
    expect(await (await fetch(`${origin}/api/health`)).json()).toMatchObject({ ok: true, db: "ok" });
    // Not root: the server process runs as the unprivileged user, and the embedded database was never started.
    const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${running.pid}/status`, "utf8"))?.[1];
    expect(Number(uid)).toBe(user.uid);
    expect(existsSync(path.join(data, "postgres"))).toBe(false);
    // Pages and their assets come from the image itself.
    const landing = await fetch(`${origin}/`);
    expect(landing.status).toBe(200);
    const asset = /\/_next\/static\/[^"]+\.js/.exec(await landing.text())?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${origin}${asset}`)).status).toBe(200);

    // A person signs up; an agent pairs and heartbeats.
    const request = await playwrightRequest.newContext({ baseURL: origin });
    try {
      expect((await request.post("/api/auth/signup", { data: { email: `image-${Date.now()}@example.test`, password: PASSWORD, name: "Image" }, headers: { origin } })).status()).toBe(201);
      const api = apiAs(request, origin);
      const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "In the image" });
      const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "container-host" });
      const sim = await pair(api, request, agent.id);
      await beat(request, sim, { cpuPct: 12 });
      await beat(request, sim, { cpuPct: 13 });
      const shown = await api<{ agent: { status: string; lastSeq: number } }>("GET", `/api/agents/${agent.id}`);
      expect(shown.agent.status).toBe("online");
      // Migrations ran against the server's database at start.
      const tables = pg.psql("select count(*) from schema_migrations");
      expect(Number(tables)).toBe(readdirSync(path.join(root, "supabase", "migrations")).filter((f) => f.endsWith(".sql")).length);
    } finally {
      await request.dispose();
    }
  } finally {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      process.kill(server.pid, "SIGTERM");
      await exited;
    }
    pg.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
