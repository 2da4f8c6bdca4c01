import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { expandNotice } from "@/lib/realtime/notices";
import { signRealtimeToken } from "@/lib/server/realtime/mint-token";
import { supabaseRealtime } from "@/lib/server/realtime/settings";

const SECRET = "s".repeat(40);

describe("Supabase Realtime settings", () => {
  it("stops the start naming what a partial configuration lacks", () => {
    expect(() => parseEnv({ SUPABASE_JWT_SECRET: SECRET })).toThrow(/NEXT_PUBLIC_SUPABASE_URL: must be set[\s\S]*NEXT_PUBLIC_SUPABASE_ANON_KEY: must be set/);
    expect(() => parseEnv({ SUPABASE_JWT_SECRET: SECRET, NEXT_PUBLIC_SUPABASE_URL: "https://p.supabase.co" })).toThrow(/NEXT_PUBLIC_SUPABASE_ANON_KEY/);
    expect(() => parseEnv({ SUPABASE_JWT_SECRET: "short", NEXT_PUBLIC_SUPABASE_URL: "https://p.supabase.co", NEXT_PUBLIC_SUPABASE_ANON_KEY: "k" })).toThrow(/SUPABASE_JWT_SECRET: must be at least 32/);
  });

  it("is on with all three settings; the URL and key alone leave live status on SSE", () => {
    const all = parseEnv({ SUPABASE_JWT_SECRET: SECRET, NEXT_PUBLIC_SUPABASE_URL: "https://p.supabase.co", NEXT_PUBLIC_SUPABASE_ANON_KEY: "k" });
    expect(supabaseRealtime(all)).toEqual({ url: "https://p.supabase.co", anonKey: "k", jwtSecret: SECRET });
    expect(supabaseRealtime(parseEnv({ NEXT_PUBLIC_SUPABASE_URL: "https://p.supabase.co", NEXT_PUBLIC_SUPABASE_ANON_KEY: "k" }))).toBeNull();
    expect(supabaseRealtime(parseEnv({}))).toBeNull();
  });

  it("mints tokens that say only who and for how long", async () => {
    const { token, expiresAt } = await signRealtimeToken("u-1", SECRET, 600, Date.UTC(2026, 11, 2, 4, 0, 0));
    expect(decodeJwt(token)).toEqual({ role: "authenticated", sub: "u-1", iat: Date.UTC(2026, 11, 2, 4) / 1000, exp: Date.UTC(2026, 11, 2, 4, 10) / 1000 });
    expect(expiresAt.toISOString()).toBe("2026-12-02T04:10:00.000Z");
  });
});

describe("expandNotice", () => {
  it("turns a batch of heartbeat summaries into one event per agent, and passes others as they are", () => {
    expect(expandNotice({ type: "agent.heartbeats", teamId: "t", at: "now", items: [{ agentId: "a" }, { agentId: "b" }] })).toEqual([
      { type: "agent.heartbeat", teamId: "t", data: { agentId: "a", teamId: "t", at: "now" } },
      { type: "agent.heartbeat", teamId: "t", data: { agentId: "b", teamId: "t", at: "now" } },
    ]);
    expect(expandNotice({ type: "alert.changed", teamId: "t", alertId: "x", state: "open" })).toEqual([
      { type: "alert.changed", teamId: "t", data: { teamId: "t", alertId: "x", state: "open" } },
    ]);
    expect(expandNotice({ type: "alert.changed" })).toEqual([]);
    expect(expandNotice("nonsense")).toEqual([]);
  });
});
