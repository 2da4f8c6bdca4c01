import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("applies defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOSTNAME: "127.0.0.1", DATA_DIR: ".data", DATABASE_POOL_MAX: 10, SIGNUP: "open", SESSION_TTL_DAYS: 30 });
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ["PORT", "eighty", "PORT"],
    ["DATABASE_URL", "mysql://x", "DATABASE_URL"],
    ["SESSION_SECRET", "short", "SESSION_SECRET: must be at least 32 characters"],
    ["ENCRYPTION_KEYS", "k1:tooshort", "ENCRYPTION_KEYS"],
    ["DATABASE_POOL_MAX", "0", "DATABASE_POOL_MAX"],
    ["SIGNUP", "maybe", "SIGNUP"],
    ["ALLOW_PRIVATE_WEBHOOKS", "yes", "ALLOW_PRIVATE_WEBHOOKS"],
  ])("names the bad setting %s", (name, value, message) => {
    expect(() => parseEnv({ [name]: value })).toThrow(message);
  });

  it("on Vercel, runs jobs from Vercel Cron and heartbeats on the request thread, and names each setting it cannot do without", () => {
    expect(parseEnv({})).toMatchObject({ SCHEDULER: "on", HEARTBEAT_WORKER: "on" });
    const key = Buffer.alloc(32, 1).toString("base64");
    const complete = { VERCEL: "1", DATABASE_URL: "postgres://u:p@db.example.test:6543/postgres", SESSION_SECRET: "s".repeat(32), CRON_SECRET: "c".repeat(32), ENCRYPTION_KEYS: `k1:${key}` };
    expect(parseEnv(complete)).toMatchObject({ SCHEDULER: "off", HEARTBEAT_WORKER: "off" });
    expect(parseEnv({ ...complete, SCHEDULER: "on" }).SCHEDULER).toBe("on");
    let message = "";
    try {
      parseEnv({ VERCEL: "1", SESSION_SECRET: complete.SESSION_SECRET });
    } catch (error) {
      message = String(error);
    }
    for (const name of ["DATABASE_URL", "CRON_SECRET", "ENCRYPTION_KEYS"]) expect(message).toContain(`${name}: must be set on Vercel`);
    expect(message).not.toContain("SESSION_SECRET");
  });

  it("accepts a keyring with several keys", () => {
    const key = Buffer.alloc(32, 1).toString("base64");
    expect(parseEnv({ ENCRYPTION_KEYS: `k2:${key},k1:${key}` }).ENCRYPTION_KEYS).toContain("k2:");
  });
});

describe("env() generated secrets", () => {
  let dir = "";
  afterEach(async () => {
    vi.unstubAllEnvs();
    vi.resetModules();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("generates missing secrets once into DATA_DIR with mode 0600 and reuses them", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "env-"));
    vi.stubEnv("DATA_DIR", dir);
    vi.stubEnv("SESSION_SECRET", "");
    vi.stubEnv("CRON_SECRET", "");
    vi.stubEnv("ENCRYPTION_KEYS", "");
    const first = (await import("@/lib/env")).env();
    expect(first.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(first.ENCRYPTION_KEYS).toMatch(/^k1:/);
    const file = path.join(dir, "secrets.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    vi.resetModules();
    const second = (await import("@/lib/env")).env();
    expect(second.SESSION_SECRET).toBe(first.SESSION_SECRET);
    expect(JSON.parse(await readFile(file, "utf8")).CRON_SECRET).toBe(second.CRON_SECRET);
  });
});
