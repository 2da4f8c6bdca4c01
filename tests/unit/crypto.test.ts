import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const key = () => randomBytes(32).toString("base64");
const URL_SECRET = "https://hooks.slack.com/services/T0SECRET/B0SECRET/abcdefghXXXXsecretTAIL";

/** Settings are cached per module graph: a fresh import reads the stubbed environment. */
async function secretsWith(keys: string) {
  vi.stubEnv("ENCRYPTION_KEYS", keys);
  vi.resetModules();
  return import("@/lib/crypto/secrets");
}

const swapPart = (blob: string, index: number, change: (b: Buffer) => void) => {
  const parts = blob.split(".");
  const bytes = Buffer.from(parts[index] ?? "", "base64url");
  change(bytes);
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
};

describe("secrets at rest", () => {
  // Every secret set, so env() generates nothing into the working directory.
  beforeEach(() => {
    vi.stubEnv("SESSION_SECRET", "s".repeat(32));
    vi.stubEnv("CRON_SECRET", "c".repeat(32));
  });
  afterEach(() => vi.unstubAllEnvs());

  it("round-trips under the active key with a fresh IV each time", async () => {
    const m = await secretsWith(`k1:${key()}`);
    const a = m.encryptSecret(URL_SECRET, "channel:1");
    const b = m.encryptSecret(URL_SECRET, "channel:1");
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("SECRET");
    expect(m.decryptSecret(a, "channel:1")).toBe(URL_SECRET);
    expect(m.decryptSecret(m.encryptSecret("", "channel:1"), "channel:1")).toBe("");
    expect(m.decryptSecret(m.encryptSecret("ключ 🔑", "channel:1"), "channel:1")).toBe("ключ 🔑");
  });

  it("accepts base64url keys", async () => {
    const m = await secretsWith(`k1:${randomBytes(32).toString("base64url")}`);
    expect(m.decryptSecret(m.encryptSecret("x", "a"), "a")).toBe("x");
  });

  it("refuses a blob moved to another row (AAD mismatch)", async () => {
    const m = await secretsWith(`k1:${key()}`);
    const blob = m.encryptSecret(URL_SECRET, "channel:1");
    expect(() => m.decryptSecret(blob, "channel:2")).toThrow(/failed authentication/);
    expect(() => m.decryptSecret(blob, "")).toThrow(/failed authentication/);
  });

  it("refuses tampering with the IV, the ciphertext or the tag", async () => {
    const m = await secretsWith(`k1:${key()}`);
    const blob = m.encryptSecret(URL_SECRET, "channel:1");
    const flip = (at: (b: Buffer) => number) => (b: Buffer) => void (b[at(b)] = (b[at(b)] ?? 0) ^ 1);
    for (const tampered of [swapPart(blob, 2, flip(() => 0)), swapPart(blob, 3, flip(() => 0)), swapPart(blob, 3, flip((b) => b.length - 1))]) {
      expect(tampered).not.toBe(blob);
      expect(() => m.decryptSecret(tampered, "channel:1")).toThrow(/failed authentication/);
    }
  });

  it("throws a clear error for malformed blobs and unknown keys", async () => {
    const m = await secretsWith(`k1:${key()}`);
    const blob = m.encryptSecret("x", "a");
    for (const bad of ["", "garbage", "v1.k1.x", "v2" + blob.slice(2), `${blob}.extra`, blob.replace(/\.[^.]+$/, ".AAAA"), "v1.k1.!!!.AAAA"]) {
      expect(() => m.decryptSecret(bad, "a"), bad).toThrow(/malformed encrypted secret/);
    }
    expect(() => m.decryptSecret(blob.replace("v1.k1.", "v1.gone."), "a")).toThrow(/unknown encryption key "gone"/);
  });

  it("rotates from an old key to the new active one of a two-key ring", async () => {
    const [oldKey, newKey] = [key(), key()];
    const before = await secretsWith(`old:${oldKey}`);
    const blob = before.encryptSecret(URL_SECRET, "channel:7");
    expect(before.needsRotation(blob)).toBe(false);

    const after = await secretsWith(`new:${newKey},old:${oldKey}`);
    expect(after.needsRotation(blob)).toBe(true);
    expect(after.decryptSecret(blob, "channel:7")).toBe(URL_SECRET);
    const rotated = after.rotateSecret(blob, "channel:7");
    expect(rotated).toMatch(/^v1\.new\./);
    expect(after.needsRotation(rotated)).toBe(false);
    expect(after.decryptSecret(rotated, "channel:7")).toBe(URL_SECRET);
    expect(() => after.rotateSecret(blob, "channel:8")).toThrow();

    const retired = await secretsWith(`new:${newKey}`);
    expect(retired.decryptSecret(rotated, "channel:7")).toBe(URL_SECRET);
    expect(() => retired.decryptSecret(blob, "channel:7")).toThrow(/unknown encryption key "old"/);
  });

  it("refuses a keyring that names one key id twice", async () => {
    const m = await secretsWith(`k1:${key()},k1:${key()}`);
    expect(() => m.encryptSecret("x", "a")).toThrow(/appears twice/);
  });

  it("masks secrets to scheme, host and the last four characters, never the middle", async () => {
    const m = await secretsWith(`k1:${key()}`);
    expect(m.maskSecret(URL_SECRET)).toBe("https://hooks.slack.com/…TAIL");
    expect(m.maskSecret("R0UTINGKEY0123456789abcd")).toBe("…abcd");
    const webhook = "https://user:pw@example.com:8443/hooks/0123456789?token=middleSECRET0042";
    const masked = m.maskSecret(webhook);
    expect(masked).toBe("https://example.com:8443/…0042");
    for (const value of [URL_SECRET, webhook, "R0UTINGKEY0123456789abcd"]) {
      const middle = value.slice(Math.floor(value.length / 3), Math.floor((2 * value.length) / 3));
      expect(m.maskSecret(value)).not.toContain(middle);
    }
    expect(m.maskSecret("short")).toBe("…");
    expect(m.maskSecret("https://example.com/abc")).toBe("https://example.com/…");
    expect(m.maskSecret("")).toBe("…");
  });
});
