import { describe, expect, it } from "vitest";
import { openSecrets as agentOpen, generateBoxKey as agentBoxKey } from "@/cli/src/secrets-box";
import { generateBoxKey, openSecrets, sealSecrets } from "@/lib/crypto/sealed-secrets";
import { SealedSecrets } from "@/lib/schemas/secrets-delivery";

// The sealed delivery of team secrets: the server's seal and both openers (the app's and the
// agent's own copy in cli/, which may not import the app) agree on the recipe, and anything but
// the right agent's key on the untouched bundle fails.
const AGENT = "7f0c1a52-8f64-4b7e-9d0e-2f9b4d7c1a11";
const plaintext = { version: 42, agentId: AGENT, secrets: [{ name: "OPENAI_API_KEY", value: "sk-live-0123456789abcdef" }, { name: "EMPTYISH", value: "é 🔑 \"x\"" }] };

const flip = (text: string, at = 0) => {
  const bytes = Buffer.from(text, "base64url");
  bytes[at] = (bytes[at] ?? 0) ^ 1;
  return bytes.toString("base64url");
};

describe("sealed secrets", () => {
  it("opens with the agent's key, on the server's opener and the agent's own, and matches the contract", () => {
    const box = generateBoxKey();
    const sealed = sealSecrets(plaintext, box.x);
    expect(SealedSecrets.parse(sealed)).toEqual(sealed);
    expect(sealed.ct).not.toContain("sk-live");
    expect(Buffer.from(sealed.ct, "base64url").toString("latin1")).not.toContain("sk-live");
    expect(openSecrets(sealed, AGENT, box)).toEqual(plaintext);
    expect(agentOpen(sealed, AGENT, { kty: "OKP", crv: "X25519", ...box })).toEqual(plaintext);
  });

  it("uses a fresh ephemeral key and IV for every answer", () => {
    const box = generateBoxKey();
    const a = sealSecrets(plaintext, box.x);
    const b = sealSecrets(plaintext, box.x);
    expect(a.epk).not.toBe(b.epk);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
  });

  it("refuses another agent's key, a tampered iv, ciphertext, tag or ephemeral key, and another agent id or version", () => {
    const box = generateBoxKey();
    const other = agentBoxKey();
    const sealed = sealSecrets(plaintext, box.x);
    expect(() => openSecrets(sealed, AGENT, other)).toThrow();
    expect(() => agentOpen(sealed, AGENT, other)).toThrow(/do not open with this agent's key/);
    const ct = Buffer.from(sealed.ct, "base64url");
    for (const tampered of [
      { ...sealed, iv: flip(sealed.iv) },
      { ...sealed, ct: flip(sealed.ct) },
      { ...sealed, ct: flip(sealed.ct, ct.length - 1) },
      { ...sealed, epk: agentBoxKey().x },
      { ...sealed, version: sealed.version + 1 },
    ]) {
      expect(() => openSecrets(tampered, AGENT, box)).toThrow();
      expect(() => agentOpen(tampered, AGENT, { kty: "OKP", crv: "X25519", ...box })).toThrow();
    }
    expect(() => openSecrets(sealed, "another-agent", box)).toThrow();
    expect(() => agentOpen(sealed, "another-agent", { kty: "OKP", crv: "X25519", ...box })).toThrow();
  });
});
