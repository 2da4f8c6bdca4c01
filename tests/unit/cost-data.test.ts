import { describe, expect, it } from "vitest";
import { brushIndexes, brushWindow, dailyTotals, eachDay, exportHref, presetStart, queryOf, stackByModel } from "@/components/costs/cost-data";
import { readCostSearch } from "@/components/costs/cost-search";

const money = { reportedUsd: 0, estimatedUsd: 0, unpricedCalls: 0, inputTokens: 0, outputTokens: 0, calls: 1 };
const day = (d: string, model: string, costUsd: number, provider = "p") => ({ ...money, day: d, provider, model, costUsd });

describe("stackByModel", () => {
  it("stacks each day by model, every day of the range present, costliest model first", () => {
    const { series, rows } = stackByModel([day("2026-11-02", "a", 1), day("2026-11-02", "b", 3), day("2026-11-04", "a", 0.5)], "2026-11-01", "2026-11-04");
    expect(series.map((s) => [s.key, s.label])).toEqual([["m0", "p/b"], ["m1", "p/a"]]);
    expect(rows.map((r) => [r.day, r.total, r.values])).toEqual([
      ["2026-11-01", 0, {}],
      ["2026-11-02", 4, { m0: 3, m1: 1 }],
      ["2026-11-03", 0, {}],
      ["2026-11-04", 0.5, { m1: 0.5 }],
    ]);
  });

  it("keeps the top models and folds the rest into other; a lone leftover keeps its name", () => {
    const models = Array.from({ length: 11 }, (_, i) => day("2026-11-01", `m-${String(i).padStart(2, "0")}`, 11 - i));
    const { series, rows } = stackByModel(models, "2026-11-01", "2026-11-01", 8);
    expect(series).toHaveLength(9);
    expect(series.at(-1)).toMatchObject({ key: "other", label: "3 other models" });
    expect(rows[0]?.values.other).toBe(3 + 2 + 1);
    expect(rows[0]?.total).toBe(66);
    expect(stackByModel(models.slice(0, 9), "2026-11-01", "2026-11-01", 8).series.map((s) => s.label)).not.toContain("1 other models");
  });

  it("leaves out models that cost nothing (unpriced calls) and days outside the range", () => {
    const { series, rows } = stackByModel([day("2026-11-01", "free", 0), day("2026-10-01", "old", 9)], "2026-11-01", "2026-11-01");
    expect(series.map((s) => s.label)).toEqual(["p/old"]);
    expect(rows).toEqual([{ day: "2026-11-01", ts: Date.parse("2026-11-01T00:00:00Z"), total: 0, values: {} }]);
  });

  it("names a model without a provider alone", () => {
    expect(stackByModel([day("2026-11-01", "solo", 1, "")], "2026-11-01", "2026-11-01").series[0]?.label).toBe("solo");
  });
});

describe("days and the brush", () => {
  it("lists every day across a month end", () => {
    expect(eachDay("2026-11-29", "2026-12-02")).toEqual(["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]);
    expect(eachDay("2026-12-02", "2026-12-01")).toEqual([]);
  });

  it("sums each day for the navigator", () => {
    expect(dailyTotals([day("2026-11-01", "a", 1), day("2026-11-01", "b", 2)], "2026-11-01", "2026-11-02").map((d) => d.total)).toEqual([3, 0]);
  });

  it("turns brush indexes into a window and back; the whole range is no window", () => {
    const days = eachDay("2026-11-01", "2026-11-10").map((d) => ({ day: d }));
    expect(brushWindow(days, 0, 9)).toBeNull();
    expect(brushWindow(days, 2, 5)).toEqual({ from: "2026-11-03", to: "2026-11-06" });
    expect(brushIndexes(days, "2026-11-03", "2026-11-06")).toEqual({ startIndex: 2, endIndex: 5 });
    expect(brushIndexes(days, "2027-01-01", "2027-01-02")).toEqual({ startIndex: 0, endIndex: 9 });
  });
});

describe("links", () => {
  it("carries only the set filters", () => {
    expect(queryOf({ a: "1", b: undefined, c: "" })).toBe("?a=1");
    expect(queryOf({})).toBe("");
    expect(exportHref("agent", { provider: "a b", range: "1m", from: "2026-11-01" })).toBe("/api/costs/export?by=agent&from=2026-11-01&provider=a+b");
  });
});

describe("readCostSearch", () => {
  const now = Date.parse("2026-12-01T12:00:00Z");

  it("defaults to last month and this month, unzoomed; presets are whole months", () => {
    expect(readCostSearch({}, now)).toEqual({ range: "2m", query: { from: "2026-11-01", to: "2026-12-01" }, whole: { from: "2026-11-01", to: "2026-12-01" }, zoomed: false, invalid: false });
    expect(readCostSearch({ range: "1m" }, now).query).toEqual({ from: "2026-12-01", to: "2026-12-01" });
    expect(readCostSearch({ range: "12m" }, Date.parse("2027-03-31T12:00:00Z")).query).toEqual({ from: "2026-04-01", to: "2027-03-31" });
    expect(presetStart("2027-01-15", 3)).toBe("2026-11-01");
  });

  it("zooms into from/to inside the range preset, with the filters", () => {
    const v = readCostSearch({ range: "1m", from: "2026-11-27", to: "2026-11-28", provider: "anthropic", model: ["x", "y"] }, now);
    expect(v.query).toEqual({ from: "2026-11-27", to: "2026-11-28", provider: "anthropic" });
    expect(v.whole).toEqual({ from: "2026-11-27", to: "2026-12-01" });
    expect(v.zoomed).toBe(true);
  });

  it("widens the navigator to a window before the preset, and ignores bad filters", () => {
    expect(readCostSearch({ from: "2026-01-01", to: "2026-01-31" }, now).whole).toEqual({ from: "2026-01-01", to: "2026-12-01" });
    expect(readCostSearch({ from: "2026-12-05", to: "2026-12-01" }, now)).toMatchObject({ invalid: true, zoomed: false, query: { from: "2026-11-01", to: "2026-12-01" } });
    expect(readCostSearch({ range: "5y", fleetId: "not-a-uuid" }, now)).toMatchObject({ range: "2m", invalid: true });
  });
});
