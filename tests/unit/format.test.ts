import { describe, expect, it } from "vitest";
import { plural, relativeTime, usd } from "@/lib/format";
import { initialsOf } from "@/components/dashboard/user-menu";
import { safeNext } from "@/lib/safe-next";

describe("plural", () => {
  it("counts in words", () => {
    expect(plural(1, "agent")).toBe("1 agent");
    expect(plural(0, "agent")).toBe("0 agents");
    expect(plural(2, "agent")).toBe("2 agents");
    expect(plural(10_000, "agent")).toBe("10,000 agents");
    expect(plural(1, "day")).toBe("1 day");
    expect(plural(3, "person", "people")).toBe("3 people");
  });
});

describe("relativeTime", () => {
  const now = Date.parse("2026-12-01T12:00:00Z");
  const at = (ms: number) => new Date(now + ms).toISOString();

  it("reads a time slightly ahead of the browser's clock as just now, never 'in 2 seconds'", () => {
    expect(relativeTime(at(2_000), now)).toBe("just now");
    expect(relativeTime(at(90_000), now)).toBe("just now");
    expect(relativeTime(at(0), now)).toBe("just now");
    expect(relativeTime(at(-5_000), now)).toBe("just now");
  });

  it("says how long ago", () => {
    expect(relativeTime(at(-30_000), now)).toBe("30 seconds ago");
    expect(relativeTime(at(-5 * 60_000), now)).toBe("5 minutes ago");
    expect(relativeTime(at(-60_000), now)).toBe("1 minute ago");
    expect(relativeTime(at(-2 * 3_600_000), now)).toBe("2 hours ago");
    expect(relativeTime(at(-86_400_000), now)).toBe("yesterday");
  });

  it("lets deadlines lie ahead", () => {
    expect(relativeTime(at(3 * 86_400_000), now, "deadline")).toBe("in 3 days");
    expect(relativeTime(at(30_000), now, "deadline")).toBe("in 30 seconds");
    expect(relativeTime(at(-3_600_000), now, "deadline")).toBe("1 hour ago");
  });
});

describe("initials", () => {
  it("takes the first and last word, or two letters", () => {
    expect(initialsOf("Ada Lovelace", "x@example.test")).toBe("AL");
    expect(initialsOf("Ada King Lovelace", "x@example.test")).toBe("AL");
    expect(initialsOf("ada", "x@example.test")).toBe("AD");
    expect(initialsOf("", "zoe@example.test")).toBe("ZO");
    expect(initialsOf("Émile 東京", "x@example.test")).toBe("É東");
  });
});

describe("safeNext", () => {
  it.each([
    ["/dashboard/agents?status=offline", "/dashboard/agents?status=offline"],
    ["/invite/ocfi_abc", "/invite/ocfi_abc"],
    [undefined, "/dashboard"],
    ["", "/dashboard"],
    ["//evil.example/x", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["https://evil.example", "/dashboard"],
    ["javascript:alert(1)", "/dashboard"],
    [["/a", "/b"], "/dashboard"],
  ])("%j → %s", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe("usd", () => {
  it("shows cents from a dollar up and every digit of small costs", () => {
    expect(usd(0)).toBe("$0.00");
    expect(usd(0.0162)).toBe("$0.0162");
    expect(usd(0.0081)).toBe("$0.0081");
    expect(usd(0.5)).toBe("$0.50");
    expect(usd(0.1234567)).toBe("$0.123457");
    expect(usd(1234.5)).toBe("$1,234.50");
    expect(usd(12.345)).toBe("$12.35");
  });
});
