import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import type { LimitResult, LimitRule } from "./types";

type Shared = { origin: string; redis: Redis; limiters: Map<string, Ratelimit> };
let shared: Shared | undefined;

/** Limits shared by every instance through Upstash Redis (fixed windows, like the local limiter). */
export async function upstashLimit(url: string, token: string, key: string, rule: LimitRule): Promise<LimitResult> {
  const origin = `${url} ${token}`;
  if (shared?.origin !== origin) {
    // One quick retry: when the store is down, callers fall back to local limits instead of waiting.
    const redis = new Redis({ url, token, enableTelemetry: false, retry: { retries: 1, backoff: () => 50 } });
    shared = { origin, redis, limiters: new Map() };
  }
  const id = `${rule.limit}/${rule.windowS}`;
  let limiter = shared.limiters.get(id);
  if (!limiter) {
    limiter = new Ratelimit({
      redis: shared.redis,
      limiter: Ratelimit.fixedWindow(rule.limit, `${rule.windowS} s`),
      prefix: "ocf:rl",
      ephemeralCache: new Map(),
      timeout: 2000,
    });
    shared.limiters.set(id, limiter);
  }
  const result = await limiter.limit(key);
  return { success: result.success, limit: result.limit, remaining: result.remaining, resetMs: Math.max(0, result.reset - Date.now()) };
}
