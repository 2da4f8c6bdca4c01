import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, hsts, newNonce } from "@/lib/csp";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `))?.split(" ").slice(1);

describe("Content-Security-Policy", () => {
  it("allows scripts only by nonce (strict-dynamic), no inline scripts or eval, no framing", () => {
    const policy = contentSecurityPolicy("abc123==");
    expect(directive(policy, "script-src")).toEqual(["'nonce-abc123=='", "'strict-dynamic'"]);
    expect(directive(policy, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(policy, "object-src")).toEqual(["'none'"]);
    expect(directive(policy, "connect-src")).toEqual(["'self'"]);
    expect(policy).not.toMatch(/unsafe-eval/);
  });

  it("lists the Supabase project (https and its Realtime wss) in connect-src only in Supabase mode; eval only in development", () => {
    const policy = contentSecurityPolicy("n", { supabaseUrl: "https://abcd.supabase.co/", dev: true });
    expect(directive(policy, "connect-src")).toEqual(["'self'", "https://abcd.supabase.co", "wss://abcd.supabase.co", "ws:"]);
    expect(directive(policy, "script-src")).toContain("'unsafe-eval'");
  });

  it("sends HSTS only when APP_URL is https, and makes a fresh 128-bit nonce each time", () => {
    expect(hsts("https://fleet.example.com")).toBe("max-age=63072000; includeSubDomains");
    expect(hsts("http://127.0.0.1:3000")).toBeNull();
    expect(hsts(undefined)).toBeNull();
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
