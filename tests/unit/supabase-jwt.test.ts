import { createChunks, stringToBase64URL } from "@supabase/ssr";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { checkSupabaseAuth } from "@/lib/server/supabase-auth/check";
import { accessTokenFromCookies } from "@/lib/server/supabase-auth/session-cookie";
import { projectJwks, verifySupabaseToken } from "@/lib/server/supabase-auth/verify";
import { runtimeSupabase } from "@/lib/supabase/project";
import { startGoTrueStandIn, type GoTrueStandIn } from "../helpers/gotrue-standin";

// Supabase access tokens against the GoTrue stand-in's JWKS (an ES256 key made in the test), and a
// legacy project's HS256 secret.
const SECRET = "a-legacy-supabase-jwt-secret-of-32-chars-or-more";
let gotrue: GoTrueStandIn;
let options: Parameters<typeof verifySupabaseToken>[1];
const sub = "4f1c2b9e-8a7d-4c3b-9e2f-1a2b3c4d5e6f";
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({ iss: gotrue.issuer, aud: "authenticated", sub, exp: now() + 600, iat: now(), role: "authenticated", email: "a@example.com" });

beforeAll(async () => {
  gotrue = await startGoTrueStandIn();
  options = { issuer: gotrue.issuer, jwks: projectJwks(gotrue.issuer), jwtSecret: SECRET };
});
afterAll(() => gotrue.close());

describe("Supabase access tokens", () => {
  it("accept a token signed by the project's key (ES256, from its JWKS)", async () => {
    const verified = await verifySupabaseToken(await gotrue.sign(claims()), options);
    expect(verified.sub).toBe(sub);
    expect(verified.email).toBe("a@example.com");
  });

  it("accept a legacy HS256 token only with the project's JWT secret", async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(SECRET));
    expect((await verifySupabaseToken(token, options)).sub).toBe(sub);
    await expect(verifySupabaseToken(token, { ...options, jwtSecret: undefined })).rejects.toMatchObject({ code: "unauthorized" });
    const wrong = await new SignJWT(claims()).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(`${SECRET}x`));
    await expect(verifySupabaseToken(wrong, options)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("refuse a forged token (another key under the project's kid), an expired one, another issuer or audience", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const refused = [
      await gotrue.sign(claims(), { key: privateKey }),
      await gotrue.sign(claims(), { key: privateKey, kid: "another-key" }),
      await gotrue.sign({ ...claims(), exp: now() - 60, iat: now() - 3700 }),
      await gotrue.sign({ ...claims(), iss: "https://other.supabase.co/auth/v1" }),
      await gotrue.sign({ ...claims(), aud: "anon" }),
      await gotrue.sign({ ...claims(), sub: undefined }),
      await gotrue.sign({ ...claims(), sub: "not-a-uuid" }),
      await gotrue.sign({ ...claims(), exp: undefined }),
      "not.a.jwt",
      "",
    ];
    for (const token of refused) await expect(verifySupabaseToken(token, options)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("refuse an unsigned token and one whose header names HS256 signed with the public key", async () => {
    const [head, body] = (await gotrue.sign(claims())).split(".");
    const none = `${stringToBase64URL(JSON.stringify({ alg: "none" }))}.${body}.`;
    await expect(verifySupabaseToken(none, options)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(verifySupabaseToken(`${head}.${body}.AAAA`, options)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("refuse everything when the project's JWKS cannot be reached (never trusted unchecked)", async () => {
    const token = await gotrue.sign({ ...claims(), iss: "http://127.0.0.1:9/auth/v1" });
    await expect(verifySupabaseToken(token, { issuer: "http://127.0.0.1:9/auth/v1", jwks: projectJwks("http://127.0.0.1:9/auth/v1") })).rejects.toMatchObject({ code: "unauthorized" });
  });
});

describe("Supabase session cookies", () => {
  const url = "https://abcdefgh.supabase.co";
  const session = (token: string) => `base64-${stringToBase64URL(JSON.stringify({ access_token: token, refresh_token: "r", user: {} }))}`;

  it("yield the access token, whole or in chunks", async () => {
    expect(await accessTokenFromCookies(url, [{ name: "sb-abcdefgh-auth-token", value: session("tok") }])).toBe("tok");
    const long = "x".repeat(5000);
    const chunks = createChunks("sb-abcdefgh-auth-token", session(long));
    expect(chunks.length).toBeGreaterThan(1);
    expect(await accessTokenFromCookies(url, chunks)).toBe(long);
  });

  it("yield nothing for a tampered, foreign or missing cookie", async () => {
    for (const value of ["base64-!!!", "base64-e30", "{not json", `base64-${stringToBase64URL("[1]")}`]) {
      expect(await accessTokenFromCookies(url, [{ name: "sb-abcdefgh-auth-token", value }])).toBeNull();
    }
    expect(await accessTokenFromCookies(url, [{ name: "sb-other-auth-token", value: session("tok") }])).toBeNull();
    expect(await accessTokenFromCookies(url, [])).toBeNull();
  });
});

describe("Supabase Auth settings", () => {
  const base = { NEXT_PUBLIC_SUPABASE_URL: "https://abcdefgh.supabase.co", NEXT_PUBLIC_SUPABASE_ANON_KEY: "anon" };

  it("are chosen explicitly and need the project's URL and key", () => {
    expect(parseEnv({ ...base }).SUPABASE_AUTH).toBe(false);
    expect(parseEnv({ ...base, SUPABASE_AUTH: "1" }).SUPABASE_AUTH).toBe(true);
    expect(() => parseEnv({ SUPABASE_AUTH: "1" })).toThrow(/NEXT_PUBLIC_SUPABASE_URL: is required by SUPABASE_AUTH=1[\s\S]*NEXT_PUBLIC_SUPABASE_ANON_KEY/);
    expect(() => parseEnv({ NEXT_PUBLIC_SUPABASE_URL: base.NEXT_PUBLIC_SUPABASE_URL })).toThrow(/NEXT_PUBLIC_SUPABASE_ANON_KEY/);
    expect(() => parseEnv({ ...base, SUPABASE_AUTH: "yes" })).toThrow(/SUPABASE_AUTH/);
    expect(() => parseEnv({ ...base, SUPABASE_JWT_SECRET: "short" })).toThrow(/SUPABASE_JWT_SECRET/);
    expect(() => parseEnv({ ...base, NEXT_PUBLIC_SUPABASE_URL: "ftp://x.example" })).toThrow(/NEXT_PUBLIC_SUPABASE_URL/);
  });

  it("as the proxy reads them at run time", () => {
    expect(runtimeSupabase({ ...base }).auth).toBeNull();
    expect(runtimeSupabase({ ...base, SUPABASE_AUTH: "1" }).auth).toEqual({ url: base.NEXT_PUBLIC_SUPABASE_URL, anonKey: "anon" });
    expect(runtimeSupabase({ SUPABASE_AUTH: "1" }).auth).toBeNull();
  });
});

describe("the Supabase Auth check (scripts/check-supabase-auth.ts)", () => {
  it("signs a test user in, verifies the token with the project's JWKS and signs out", async () => {
    gotrue.addUser("check@example.com", "check password 1");
    const input = { url: gotrue.url, anonKey: gotrue.anonKey, email: "check@example.com", password: "check password 1" };
    const steps = await checkSupabaseAuth(input);
    expect(steps.map((s) => [s.step, s.ok])).toEqual([["settings", true], ["password sign-in", true], ["token verified", true], ["user", true], ["sign-out", true]]);
    expect(steps[0]?.detail).toContain("GitHub");
    const wrong = await checkSupabaseAuth({ ...input, password: "wrong" });
    expect(wrong.at(-1)).toMatchObject({ step: "password sign-in", ok: false });
  });
});
