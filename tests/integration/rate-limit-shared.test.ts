import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAgent, pairAgent, sendHeartbeat } from "../helpers/agent";
import { call, reloadRoutes, uniqueEmail } from "../helpers/api";
import { startUpstashStandIn, type UpstashStandIn } from "../helpers/upstash-rest";
import { createFleet, createUser } from "../factories";

// With UPSTASH_REDIS_REST_URL and _TOKEN set, limits live in Redis through @upstash/ratelimit, so
// every instance counts against the same numbers.
describe("rate limits shared through Upstash", () => {
  let upstash: UpstashStandIn;
  beforeAll(async () => {
    upstash = await startUpstashStandIn();
    vi.stubEnv("UPSTASH_REDIS_REST_URL", upstash.url);
    vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", upstash.token);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await upstash?.stop();
  });

  it("limits heartbeats per agent in Redis, and a second instance sees the same count", { timeout: 90_000 }, async () => {
    const owner = await createUser();
    const fleet = await createFleet(owner, "Shared limits");
    const agent = await pairAgent(owner, (await createAgent(owner, fleet.id)).id);
    // Windows are fixed minutes: start early in one, so all 20 heartbeats and the checks share it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 30_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await sendHeartbeat(agent)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const keys = await upstash.redis.keys("ocf:rl:*");
    expect(keys.some((k) => k.includes(`heartbeat:${agent.id}`))).toBe(true);

    // A fresh module graph is a fresh instance: no local counters, only what Redis holds.
    vi.resetModules();
    const { limit } = await import("@/lib/rate-limit");
    const seen = await limit(`heartbeat:${agent.id}`, { limit: 20, windowS: 60 });
    expect(seen).toMatchObject({ success: false, remaining: 0 });
    const limited = await sendHeartbeat(agent);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("counts log-in attempts per account in Redis", { timeout: 90_000 }, async () => {
    const email = uniqueEmail("shared");
    const intoWindow = Date.now() % 900_000; // the per-account window is a fixed 15 minutes
    if (intoWindow > 870_000) await new Promise((r) => setTimeout(r, 900_000 - intoWindow + 50));
    const before = upstash.requests();
    for (let i = 0; i < 10; i++) expect((await call("POST", "/api/auth/login", { body: { email, password: "wrong-password-1" } })).status).toBe(401);
    expect((await call("POST", "/api/auth/login", { body: { email, password: "wrong-password-1" } })).status).toBe(429);
    expect(upstash.requests()).toBeGreaterThan(before);
  });

  it("keeps serving, with local limits, when the shared store is unreachable", async () => {
    vi.stubEnv("UPSTASH_REDIS_REST_URL", "http://127.0.0.1:9"); // discard port: nothing listens
    vi.resetModules(); // a new instance reads the settings afresh
    reloadRoutes();
    const before = upstash.requests();
    const email = uniqueEmail("offline");
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await call("POST", "/api/auth/login", { body: { email, password: "wrong-password-1" } })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(upstash.requests(), "nothing reached the shared store").toBe(before);
  });
});
