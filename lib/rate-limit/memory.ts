import type { LimitResult, LimitRule } from "./types";

// Fixed windows in this process's memory: the default when no shared store is configured.
const windows = new Map<string, { count: number; resetAt: number }>();
let lastSweep = Date.now();

function sweep(now: number) {
  if (now - lastSweep < 60_000) return;
  lastSweep = now;
  for (const [key, entry] of windows) if (entry.resetAt <= now) windows.delete(key);
}

export function memoryLimit(key: string, rule: LimitRule): LimitResult {
  const now = Date.now();
  sweep(now);
  let entry = windows.get(key);
  if (!entry || entry.resetAt <= now) {
    entry = { count: 0, resetAt: now + rule.windowS * 1000 };
    windows.set(key, entry);
  }
  entry.count++;
  return { success: entry.count <= rule.limit, limit: rule.limit, remaining: Math.max(0, rule.limit - entry.count), resetMs: entry.resetAt - now };
}

export function resetMemoryLimits(): void {
  windows.clear();
}
