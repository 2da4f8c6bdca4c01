import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { PERMISSIONS, ROLES, atLeast, can, lowerOf } from "@/lib/auth/roles";
import { generateToken, hashToken, safeEqual } from "@/lib/auth/tokens";
import { readCookie, serializeCookie } from "@/lib/auth/request";

describe("passwords", () => {
  it("hash with scrypt and a random salt, and verify", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });
});

describe("tokens", () => {
  it("are prefixed, random and stored as SHA-256", () => {
    const t = generateToken("api");
    expect(t).toMatch(/^ocf_pat_[A-Za-z0-9_-]{43}$/);
    expect(generateToken("api")).not.toBe(t);
    expect(hashToken(t)).toHaveLength(32);
    expect(safeEqual(t, t)).toBe(true);
    expect(safeEqual(t, `${t}x`)).toBe(false);
  });
});

describe("roles", () => {
  it("order owner > maintainer > viewer", () => {
    expect(atLeast("owner", "maintainer")).toBe(true);
    expect(atLeast("viewer", "maintainer")).toBe(false);
    expect(lowerOf("owner", "viewer")).toBe("viewer");
  });

  it("give viewers read only, maintainers fleets, owners everything", () => {
    const writes = Object.keys(PERMISSIONS).filter((p) => !p.endsWith(":read") && p !== "token:manage") as (keyof typeof PERMISSIONS)[];
    for (const p of writes) expect(can("viewer", p), p).toBe(false);
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(can("owner", p), p).toBe(true);
    expect(can("maintainer", "fleet:write")).toBe(true);
    expect(can("maintainer", "team:delete")).toBe(false);
    expect(ROLES).toEqual(["owner", "maintainer", "viewer"]);
  });
});

describe("cookies", () => {
  it("serialise with the session flags and read back", () => {
    const c = serializeCookie("ocf_session", "a b", { maxAgeS: 60, secure: true });
    expect(c).toBe("ocf_session=a%20b; Path=/; Max-Age=60; SameSite=Lax; HttpOnly; Secure");
    const req = new Request("http://x", { headers: { cookie: "team=t1; ocf_session=a%20b" } });
    expect(readCookie(req, "ocf_session")).toBe("a b");
    expect(readCookie(req, "missing")).toBeUndefined();
  });
});
