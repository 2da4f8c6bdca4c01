import { describe, expect, it } from "vitest";
import { describeDevice } from "@/lib/auth/device";

describe("describeDevice", () => {
  it.each([
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36", "Chrome 142 on Linux"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133 on Mac OS 14.1"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "Mobile Safari 17 on iOS 17.0 (Apple iPhone)"],
    ["curl/8.5.0", "curl/8.5.0"],
    ["", "Unknown device"],
    ["   ", "Unknown device"],
  ])("%j → %s", (ua, expected) => {
    expect(describeDevice(ua)).toBe(expected);
  });

  it("keeps an unknown client's name short", () => {
    expect(describeDevice(`${"x".repeat(300)} y`)).toHaveLength(60);
  });
});
