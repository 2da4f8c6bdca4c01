import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, page } from "@/lib/server/pagination";
import { FleetCreateInput, FleetUpdateInput } from "@/lib/schemas/fleets";
import { SignupInput } from "@/lib/schemas/auth";

describe("names and descriptions take what people type", () => {
  it.each([
    "Production", "Prod EU-1", "Équipe d'Émile", "東京 fleet", "R&D (west) #2", "Prod; EU", 'He said "ship it"', "drop--", "a -- b",
    "<b>x</b>", "x' OR '1'='1", "<img src=x onerror=alert(1)>'; drop table fleets;--", "🚀 launch 👩‍💻", "x".repeat(100), "😀".repeat(100),
  ])("accept %s verbatim", (name) => {
    expect(FleetCreateInput.parse({ name }).name).toBe(name);
  });

  it.each(["", "   ", "a\u0000b", "tab\there", "two\nlines", "esc\u001b[0m", "c1\u009b", "lone \ud83d surrogate", "x".repeat(101), "😀".repeat(101)])("refuse %j", (name) => {
    expect(FleetCreateInput.safeParse({ name }).success).toBe(false);
  });

  it("let descriptions break lines but refuse other control characters", () => {
    expect(FleetCreateInput.parse({ name: "x", description: "line one;\r\nline \"two\" -- <i>three</i>" }).description).toBe('line one;\r\nline "two" -- <i>three</i>');
    expect(FleetCreateInput.safeParse({ name: "x", description: "bell\u0007" }).success).toBe(false);
    expect(FleetCreateInput.safeParse({ name: "x", description: "y".repeat(501) }).success).toBe(false);
  });

  it("trims names and requires a change in updates", () => {
    expect(FleetCreateInput.parse({ name: "  Edge  " }).name).toBe("Edge");
    expect(FleetUpdateInput.safeParse({}).success).toBe(false);
    expect(FleetCreateInput.safeParse({ name: "x", extra: 1 }).success).toBe(false);
  });

  it("normalises e-mail and enforces password length", () => {
    expect(SignupInput.parse({ email: " Ada@Example.COM ", password: "0123456789" }).email).toBe("ada@example.com");
    expect(SignupInput.safeParse({ email: "ada@example.com", password: "short" }).success).toBe(false);
  });
});

describe("cursors", () => {
  it("round-trip and reject garbage", () => {
    expect(decodeCursor(encodeCursor(["2026-01-01T00:00:00.000001Z", "id"]), 2)).toEqual(["2026-01-01T00:00:00.000001Z", "id"]);
    expect(decodeCursor(undefined, 2)).toBeNull();
    expect(() => decodeCursor("garbage", 2)).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor(["one"]), 2)).toThrow(/cursor/);
  });

  it("page with limit + 1 rows", () => {
    const rows = [{ id: "1" }, { id: "2" }, { id: "3" }];
    expect(page(rows, 2, (r) => [r.id])).toEqual({ items: rows.slice(0, 2), nextCursor: encodeCursor(["2"]) });
    expect(page(rows, 3, (r) => [r.id]).nextCursor).toBeNull();
  });
});
