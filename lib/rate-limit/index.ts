import { AppError } from "@/lib/api/errors";

export type LimitResult = { success: boolean; limit: number; remaining: number; resetMs: number };
export type LimitRule = { limit: number; windowS: number };

// Fixed windows in process memory. A shared store (Upstash) plugs in behind the same `limit` call.
const windows = new Map<string, { count: number; resetAt: number }>();
let lastSweep = Date.now();

function sweep(now: number) {
  if (now - lastSweep < 60_000) return;
  lastSweep = now;
  for (const [key, entry] of windows) if (entry.resetAt <= now) windows.delete(key);
}

export function limit(key: string, rule: LimitRule): LimitResult {
  const now = Date.now();
  sweep(now);
  let entry = windows.get(key);
  if (!entry || entry.resetAt <= now) {
    entry = { count: 0, resetAt: now + rule.windowS * 1000 };
    windows.set(key, entry);
  }
  entry.count++;
  return {
    success: entry.count <= rule.limit,
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - entry.count),
    resetMs: entry.resetAt - now,
  };
}

/** Counts one attempt against each key; throws 429 with Retry-After and RateLimit headers when over. */
export function enforceLimits(checks: Array<{ key: string; rule: LimitRule }>): void {
  for (const { key, rule } of checks) {
    const result = limit(key, rule);
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

/** Forgets every counter; tests use it between cases. */
export function resetLimits(): void {
  windows.clear();
}
