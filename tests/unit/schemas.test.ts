import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, page } from "@/lib/server/pagination";
import { FleetCreateInput, FleetUpdateInput } from "@/lib/schemas/fleets";
import { SignupInput } from "@/lib/schemas/auth";

describe("labels and notes", () => {
  it.each(["Production", "Prod EU-1", "Équipe d'Émile", "東京 fleet", "R&D (west) #2"])("accept %s", (name) => {
    expect(FleetCreateInput.parse({ name }).name).toBe(name);
  });

  it.each(["", "   ", "<b>x</b>", "a;b", "x' OR '1'='1", "drop--", "a\u0000b", "x".repeat(101)])("refuse %j", (name) => {
    expect(FleetCreateInput.safeParse({ name }).success).toBe(false);
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
