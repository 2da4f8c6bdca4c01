import { AppError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { memoryLimit, resetMemoryLimits } from "./memory";
import type { LimitResult, LimitRule } from "./types";
import { upstashLimit } from "./upstash";

export type { LimitResult, LimitRule } from "./types";

/** One attempt against a key: shared through Upstash when configured, else in this process. */
export async function limit(key: string, rule: LimitRule): Promise<LimitResult> {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = env();
  if (!url || !token) return memoryLimit(key, rule);
  try {
    return await upstashLimit(url, token, key, rule);
  } catch (error) {
    // The shared store is unreachable or refusing: keep limiting, per instance, rather than fail every request.
    warnOnce(error);
    return memoryLimit(key, rule);
  }
}

let warned = 0;
function warnOnce(error: unknown) {
  if (Date.now() - warned < 60_000) return;
  warned = Date.now();
  console.warn("[rate-limit] Upstash failed; using local limits for now:", error instanceof Error ? error.message : error);
}

/** Counts one attempt against each key; throws 429 with Retry-After and RateLimit headers when over. */
export async function enforceLimits(checks: Array<{ key: string; rule: LimitRule }>): Promise<void> {
  for (const { key, rule } of checks) {
    const result = await limit(key, rule);
    if (!result.success) {
      const resetS = Math.max(1, Math.ceil(result.resetMs / 1000));
      throw new AppError("rate_limited", `Too many attempts; try again in ${resetS} s`, undefined, {
        "Retry-After": String(resetS),
        RateLimit: `limit=${result.limit}, remaining=0, reset=${resetS}`,
        "RateLimit-Policy": `${result.limit};w=${rule.windowS}`,
      });
    }
  }
}

/** Forgets every local counter; tests use it between cases. */
export function resetLimits(): void {
  resetMemoryLimits();
}
