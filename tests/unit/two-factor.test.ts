import { describe, expect, it } from "vitest";
import { RECOVERY_CODE, hashRecoveryCode, newRecoveryCode } from "@/lib/server/two-factor/recovery-codes";
import { TOTP_WINDOW, acceptedStep, newTotpSecret, totpCode } from "@/lib/server/two-factor/totp";

const STEP = 30_000;
const NOW = 1_790_000_015_000; // 15 s into a step
const step = Math.floor(NOW / STEP);

describe("TOTP codes", () => {
  const secret = newTotpSecret();

  it("accepts the current code and those one step either side, at the step they belong to", () => {
    expect(TOTP_WINDOW).toBe(1);
    expect(acceptedStep(secret, totpCode(secret, NOW), null, NOW)).toBe(step);
    expect(acceptedStep(secret, totpCode(secret, NOW - STEP), null, NOW)).toBe(step - 1);
    expect(acceptedStep(secret, totpCode(secret, NOW + STEP), null, NOW)).toBe(step + 1);
  });

  it("refuses codes outside the window, of another secret, and anything not six digits", () => {
    expect(acceptedStep(secret, totpCode(secret, NOW - 2 * STEP), null, NOW)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, NOW + 2 * STEP), null, NOW)).toBeNull();
    expect(acceptedStep(newTotpSecret(), totpCode(secret, NOW), null, NOW)).toBeNull();
    for (const bad of ["", "12345", "1234567", "12 456", "abcdef", "' OR 1=1"]) expect(acceptedStep(secret, bad, null, NOW)).toBeNull();
  });

  it("refuses a replay: the step last accepted, or any before it, even within the window", () => {
    const code = totpCode(secret, NOW);
    expect(acceptedStep(secret, code, step, NOW)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, NOW - STEP), step, NOW)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, NOW + STEP), step, NOW)).toBe(step + 1);
    expect(acceptedStep(secret, code, step - 1, NOW)).toBe(step);
  });
});

describe("recovery codes", () => {
  it("are 16 characters of an unambiguous alphabet, in four groups, all different", () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode);
    for (const code of codes) {
      expect(code).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
      expect(RECOVERY_CODE.test(code)).toBe(true);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("hash the same whatever the case, spaces or dashes, and apart for another person or code", () => {
    const user = "6f1c5a0e-8d0b-4c43-9a53-3f5d1e2b7c10";
    const code = "abcd-efgh-jkmn-pqrs";
    const hash = hashRecoveryCode(user, code);
    expect(hash).toHaveLength(32);
    expect(hash.toString("hex")).not.toContain(Buffer.from(code).toString("hex"));
    expect(hashRecoveryCode(user, "ABCDEFGHJKMNPQRS").equals(hash)).toBe(true);
    expect(hashRecoveryCode(user, "abcd efgh jkmn pqrs").equals(hash)).toBe(true);
    expect(hashRecoveryCode("00000000-0000-4000-8000-000000000000", code).equals(hash)).toBe(false);
    expect(hashRecoveryCode(user, "abcd-efgh-jkmn-pqrt").equals(hash)).toBe(false);
  });
});
