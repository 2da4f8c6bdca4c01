import { describe, expect, it } from "vitest";
import { billingEnabled, effectivePlan, limitsFor, LIMIT_NAMES, PAST_DUE_GRACE_DAYS, planForPrice, PLANS, toSubscriptionStatus } from "@/lib/billing/plans";
import { parseEnv } from "@/lib/env";

const DAY = 86_400_000;
const prices = { STRIPE_PRICE_TEAM: "price_t", STRIPE_PRICE_BUSINESS: "price_b" };

describe("plans", () => {
  it("grow with each plan, every limit defined", () => {
    for (const limit of LIMIT_NAMES) {
      expect(PLANS.free.limits[limit]).toBeGreaterThan(0);
      expect(PLANS.team.limits[limit]).toBeGreaterThan(PLANS.free.limits[limit]);
      expect(PLANS.business.limits[limit]).toBeGreaterThan(PLANS.team.limits[limit]);
    }
  });

  it("are unlimited with billing off, the plan's own with billing on", () => {
    expect(Object.values(limitsFor("business", false))).toEqual([null, null, null, null, null]);
    expect(limitsFor("free", true)).toEqual(PLANS.free.limits);
    expect(billingEnabled({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: undefined, ...prices })).toBe(false);
    expect(billingEnabled({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x", ...prices })).toBe(true);
  });

  it("grant the paid plan while active or trialing, past due within the grace period, never once canceled", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const at = (status: "trialing" | "active" | "past_due" | "canceled", pastDueDaysAgo?: number) =>
      effectivePlan({ plan: "team", status, pastDueSince: pastDueDaysAgo === undefined ? null : new Date(now.getTime() - pastDueDaysAgo * DAY) }, now);
    expect(at("trialing")).toBe("team");
    expect(at("active")).toBe("team");
    expect(at("past_due", 1)).toBe("team");
    expect(at("past_due", PAST_DUE_GRACE_DAYS + 1)).toBe("free");
    expect(at("canceled")).toBe("free");
    expect(effectivePlan(null, now)).toBe("free");
    expect(effectivePlan({ plan: "business", status: null, pastDueSince: null }, now)).toBe("free");
  });

  it("map Stripe's prices and statuses to ours", () => {
    const settings = { STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, ...prices };
    expect(planForPrice("price_b", settings)).toBe("business");
    expect(planForPrice("price_other", settings)).toBeUndefined();
    expect(["trialing", "active", "past_due", "unpaid", "incomplete", "incomplete_expired", "paused", "canceled"].map(toSubscriptionStatus)).toEqual([
      "trialing", "active", "past_due", "canceled", "canceled", "canceled", "canceled", "canceled",
    ]);
  });
});

describe("billing settings", () => {
  it.each([
    [{ STRIPE_SECRET_KEY: "pk_test_publishable" }, "STRIPE_SECRET_KEY"],
    [{ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "secret" }, "STRIPE_WEBHOOK_SECRET"],
    [{ STRIPE_SECRET_KEY: "sk_test_x" }, "STRIPE_WEBHOOK_SECRET: must be set together"],
    [{ STRIPE_WEBHOOK_SECRET: "whsec_x" }, "STRIPE_SECRET_KEY: must be set together"],
    [{ STRIPE_PRICE_TEAM: "prod_x" }, "STRIPE_PRICE_TEAM"],
    [{ STRIPE_API_BASE: "ftp://x" }, "STRIPE_API_BASE"],
  ])("names the bad setting (%j)", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });

  it("accepts both keys, or neither", () => {
    expect(parseEnv({}).STRIPE_SECRET_KEY).toBeUndefined();
    expect(parseEnv({ STRIPE_SECRET_KEY: "sk_live_abc", STRIPE_WEBHOOK_SECRET: "whsec_abc", STRIPE_PRICE_TEAM: "price_1" })).toMatchObject({ STRIPE_PRICE_TEAM: "price_1" });
  });
});
