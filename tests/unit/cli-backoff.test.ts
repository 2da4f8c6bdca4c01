import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, backoffCeiling, backoffDelay, parseRetryAfter } from "@/cli/src/backoff";

const opts = { baseMs: 1_000, capMs: 300_000 };
const almostOne = () => 0.999_999;

describe("clawfleet backoff", () => {
  it("grows exponentially from the base", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffCeiling(n, opts))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    const upper = [1, 2, 3, 4, 5].map((n) => backoffDelay(n, undefined, { ...opts, random: almostOne }));
    for (let i = 1; i < upper.length; i += 1) expect(upper[i]).toBeGreaterThan(upper[i - 1] ?? 0);
  });

  it("is capped at five minutes, however many attempts", () => {
    expect(backoffCeiling(9, opts)).toBe(256_000);
    expect(backoffCeiling(10, opts)).toBe(300_000);
    expect(backoffCeiling(1_000, opts)).toBe(300_000);
    expect(backoffDelay(1_000, undefined, { ...opts, random: almostOne })).toBeLessThan(300_000);
  });

  it("is fully jittered: uniform in [0, ceiling)", () => {
    expect(backoffDelay(4, undefined, { ...opts, random: () => 0 })).toBe(0);
    expect(backoffDelay(4, undefined, { ...opts, random: () => 0.5 })).toBe(4_000);
    const samples = Array.from({ length: 2_000 }, () => backoffDelay(6, undefined, opts));
    for (const d of samples) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(32_000);
    }
    expect(new Set(samples).size).toBeGreaterThan(500);
    expect(Math.min(...samples)).toBeLessThan(8_000);
    expect(Math.max(...samples)).toBeGreaterThan(24_000);
  });

  it("honours Retry-After, in seconds or as a date, with at most one base of jitter", () => {
    expect(parseRetryAfter("7")).toBe(7_000);
    expect(parseRetryAfter("1.5")).toBe(1_500);
    const now = Date.parse("2026-11-23T12:00:00Z");
    expect(parseRetryAfter("Mon, 23 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Mon, 23 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    for (let i = 0; i < 200; i += 1) {
      const d = backoffDelay(1, 7_000, opts);
      expect(d).toBeGreaterThanOrEqual(7_000);
      expect(d).toBeLessThan(8_000);
    }
    // A long Retry-After beats the cap (the server knows best) but not without limit.
    expect(backoffDelay(1, 600_000, { ...opts, random: () => 0 })).toBe(600_000);
    expect(backoffDelay(1, 10 * MAX_RETRY_AFTER_MS, { ...opts, random: () => 0 })).toBe(MAX_RETRY_AFTER_MS);
  });
});
