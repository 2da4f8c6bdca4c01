import { describe, expect, it } from "vitest";
import { splitRange } from "@/lib/server/costs/spend";
import { rangeOf } from "@/lib/server/costs/summary";

describe("a costs range split into whole months, whole weeks and loose days", () => {
  it("reads whole months from the monthly rollups, counting the current month whole up to today", () => {
    expect(splitRange("2026-11-01", "2026-12-01", "2026-12-01")).toEqual({ months: ["2026-11-01", "2026-12-01"], weeks: [], spans: [] });
    expect(splitRange("2026-09-01", "2026-11-30", "2026-12-01")).toEqual({ months: ["2026-09-01", "2026-10-01", "2026-11-01"], weeks: [], spans: [] });
  });

  it("reads the rest as whole ISO weeks (from Monday) and keeps the days at either end", () => {
    // 2 November 2026 is a Monday: four whole weeks, then the 30th (its week runs into December, read whole as a month).
    expect(splitRange("2026-11-02", "2026-12-01", "2026-12-01")).toEqual({
      months: ["2026-12-01"],
      weeks: ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"],
      spans: [["2026-11-30", "2026-11-30"]],
    });
    expect(splitRange("2026-09-15", "2026-11-10", "2026-12-01")).toEqual({
      months: ["2026-10-01"],
      weeks: ["2026-09-21", "2026-11-02"],
      spans: [["2026-09-15", "2026-09-20"], ["2026-09-28", "2026-09-30"], ["2026-11-01", "2026-11-01"], ["2026-11-09", "2026-11-10"]],
    });
    expect(splitRange("2026-11-03", "2026-11-20", "2026-12-01")).toEqual({ months: [], weeks: ["2026-11-09"], spans: [["2026-11-03", "2026-11-08"], ["2026-11-16", "2026-11-20"]] });
  });

  it("never counts today's spend in a month or week the range stops short of", () => {
    expect(splitRange("2026-12-01", "2026-12-09", "2026-12-10")).toEqual({ months: [], weeks: [], spans: [["2026-12-01", "2026-12-09"]] });
    // The current week is whole up to today.
    expect(splitRange("2026-11-16", "2026-11-25", "2026-11-25")).toEqual({ months: [], weeks: ["2026-11-16", "2026-11-23"], spans: [] });
    expect(splitRange("2026-11-16", "2026-11-24", "2026-11-25")).toEqual({ months: [], weeks: ["2026-11-16"], spans: [["2026-11-23", "2026-11-24"]] });
  });

  it("never reads more than six loose days at either end of a stretch", () => {
    for (let start = 0; start < 40; start++) {
      const from = new Date(Date.UTC(2026, 8, 1 + start)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(2026, 8, 1 + start + 29)).toISOString().slice(0, 10);
      const { months, weeks, spans } = splitRange(from, to, "2026-12-01");
      const days = spans.reduce((n, [a, b]) => n + (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1, 0);
      const covered = days + weeks.length * 7 + months.reduce((n, m) => n + new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7), 0)).getUTCDate(), 0);
      expect(covered).toBe(30);
      for (const [a, b] of spans) expect((Date.parse(b) - Date.parse(a)) / 86_400_000 + 1).toBeLessThanOrEqual(6);
      expect(spans.length).toBeLessThanOrEqual(4);
    }
  });

  it("crosses a year and handles February", () => {
    expect(splitRange("2027-01-20", "2027-03-01", "2027-06-01")).toEqual({
      months: ["2027-02-01"],
      weeks: ["2027-01-25"],
      spans: [["2027-01-20", "2027-01-24"], ["2027-03-01", "2027-03-01"]],
    });
  });

  it("defaults to last month and this month", () => {
    expect(rangeOf({}, Date.parse("2026-12-01T10:00:00Z"))).toEqual({ from: "2026-11-01", to: "2026-12-01" });
    expect(rangeOf({}, Date.parse("2027-01-15T10:00:00Z"))).toEqual({ from: "2026-12-01", to: "2027-01-15" });
    expect(rangeOf({ from: "2026-10-05" }, Date.parse("2026-12-01T10:00:00Z"))).toEqual({ from: "2026-10-05", to: "2026-12-01" });
  });
});
