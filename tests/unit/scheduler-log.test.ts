import { describe, expect, it } from "vitest";
import { worthLogging } from "@/lib/server/jobs/scheduler";

describe("the scheduler's log", () => {
  it("leaves out the minute's budgets check when no alert opened or resolved", () => {
    expect(worthLogging("budgets", { budgets: 12, opened: 0, resolved: 0 })).toBe(false);
    expect(worthLogging("budgets", { budgets: 12, opened: 1, resolved: 0 })).toBe(true);
    expect(worthLogging("budgets", { budgets: 12, opened: 0, resolved: 2 })).toBe(true);
  });

  it("logs every run of the other jobs", () => {
    expect(worthLogging("purge", { heartbeats: 0 })).toBe(true);
    expect(worthLogging("check-stale", { examined: 0, stale: 0, offline: 0 })).toBe(true);
  });
});
