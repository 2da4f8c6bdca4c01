import { describe, expect, it } from "vitest";
import { splitRange } from "@/lib/server/costs/spend";
import { rangeOf } from "@/lib/server/costs/summary";

describe("a costs range split into whole months and loose days", () => {
  it("reads whole months from the monthly rollups, counting the current month whole up to today", () => {
    expect(splitRange("2026-11-01", "2026-12-01", "2026-12-01")).toEqual({ months: ["2026-11-01", "2026-12-01"], spans: [] });
    expect(splitRange("2026-09-01", "2026-11-30", "2026-12-01")).toEqual({ months: ["2026-09-01", "2026-10-01", "2026-11-01"], spans: [] });
  });

  it("keeps the days at either end, and a range inside one month, as days", () => {
    expect(splitRange("2026-11-02", "2026-12-01", "2026-12-01")).toEqual({ months: ["2026-12-01"], spans: [["2026-11-02", "2026-11-30"]] });
    expect(splitRange("2026-09-15", "2026-11-10", "2026-12-01")).toEqual({ months: ["2026-10-01"], spans: [["2026-09-15", "2026-09-30"], ["2026-11-01", "2026-11-10"]] });
    expect(splitRange("2026-11-03", "2026-11-20", "2026-12-01")).toEqual({ months: [], spans: [["2026-11-03", "2026-11-20"]] });
    // The current month up to yesterday is not whole: today's spend must not count.
    expect(splitRange("2026-12-01", "2026-12-09", "2026-12-10")).toEqual({ months: [], spans: [["2026-12-01", "2026-12-09"]] });
  });

  it("crosses a year and handles February", () => {
    expect(splitRange("2027-01-20", "2027-03-01", "2027-06-01")).toEqual({ months: ["2027-02-01"], spans: [["2027-01-20", "2027-01-31"], ["2027-03-01", "2027-03-01"]] });
  });

  it("defaults to last month and this month", () => {
    expect(rangeOf({}, Date.parse("2026-12-01T10:00:00Z"))).toEqual({ from: "2026-11-01", to: "2026-12-01" });
    expect(rangeOf({}, Date.parse("2027-01-15T10:00:00Z"))).toEqual({ from: "2026-12-01", to: "2027-01-15" });
    expect(rangeOf({ from: "2026-10-05" }, Date.parse("2026-12-01T10:00:00Z"))).toEqual({ from: "2026-10-05", to: "2026-12-01" });
  });
});
