import { describe, expect, it } from "vitest";
import { tickRows } from "@/components/agents/selection";

const ids = ["a", "b", "c", "d", "e", "f"];
const sorted = (s: Set<string>) => [...s].sort();

describe("ticking agents for a bulk action", () => {
  it("flips one row without Shift, whatever the anchor", () => {
    expect(sorted(tickRows(ids, new Set(), 0, 3, false))).toEqual(["d"]);
    expect(sorted(tickRows(ids, new Set(["d", "e"]), 0, 3, false))).toEqual(["e"]);
  });

  it("with Shift, gives every row between the anchor and the clicked one the clicked row's new state, in either direction", () => {
    expect(sorted(tickRows(ids, new Set(["b"]), 1, 4, true))).toEqual(["b", "c", "d", "e"]);
    expect(sorted(tickRows(ids, new Set(["f"]), 5, 2, true))).toEqual(["c", "d", "e", "f"]);
    expect(sorted(tickRows(ids, new Set(["a", "b", "c", "d", "e"]), 0, 2, true))).toEqual(["d", "e"]);
  });

  it("treats Shift without an anchor (or one past the rows) as a single tick, and ignores rows that are not there", () => {
    expect(sorted(tickRows(ids, new Set(), null, 2, true))).toEqual(["c"]);
    expect(sorted(tickRows(ids, new Set(), 9, 2, true))).toEqual(["c"]);
    expect(sorted(tickRows(ids, new Set(["a"]), 0, 12, true))).toEqual(["a"]);
  });
});
