import { createHash } from "node:crypto";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { bodySha256, generateAgentKeys, signRequest } from "@/cli/src/keys";

describe("clawfleet request signing", () => {
  it("produces an EdDSA JWT that verifies against the exported public JWK, with every claim", async () => {
    const { publicKeyJwk, privateKeyJwk } = generateAgentKeys();
    expect(publicKeyJwk).toEqual({ kty: "OKP", crv: "Ed25519", x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(Object.keys(publicKeyJwk).sort()).toEqual(["crv", "kty", "x"]);
    const agentId = "0b6c7a52-3f4e-4f6a-9d1e-2f3a4b5c6d7e";
    const body = JSON.stringify({ seq: 1, sentAt: new Date().toISOString(), note: "héllo" });
    const token = await signRequest({ agentId, audience: "clawfleet", privateKeyJwk }, body);

    expect(decodeProtectedHeader(token)).toEqual({ alg: "EdDSA" });
    const key = await importJWK(publicKeyJwk, "EdDSA");
    const { payload } = await jwtVerify(token, key, { algorithms: ["EdDSA"], audience: "clawfleet", subject: agentId });
    const bytes = Buffer.from(body, "utf8");
    expect(payload.body_sha256).toBe(createHash("sha256").update(bytes).digest("base64url"));
    expect(payload.body_sha256).toBe(bodySha256(bytes));
    expect(payload.sub).toBe(agentId);
    expect(payload.aud).toBe("clawfleet");
    expect(typeof payload.jti).toBe("string");
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    const iat = payload.iat ?? 0;
    const exp = payload.exp ?? 0;
    expect(Math.abs(iat - Date.now() / 1000)).toBeLessThan(5);
    expect(exp).toBeGreaterThan(iat);
    expect(exp - iat).toBeLessThanOrEqual(300);
  });

  it("gives every request a fresh jti and binds the token to the body", async () => {
    const { publicKeyJwk, privateKeyJwk } = generateAgentKeys();
    const signer = { agentId: "a", audience: "clawfleet", privateKeyJwk };
    const [a, b] = await Promise.all([signRequest(signer, "{}"), signRequest(signer, "{}")]);
    const key = await importJWK(publicKeyJwk, "EdDSA");
    const [pa, pb] = await Promise.all([jwtVerify(a, key), jwtVerify(b, key)]);
    expect(pa.payload.jti).not.toBe(pb.payload.jti);
    expect(pa.payload.body_sha256).not.toBe(bodySha256('{"seq":2}'));
  });

  it("does not verify under another agent's key", async () => {
    const mine = generateAgentKeys();
    const other = generateAgentKeys();
    const token = await signRequest({ agentId: "a", audience: "clawfleet", privateKeyJwk: mine.privateKeyJwk }, "{}");
    await expect(jwtVerify(token, await importJWK(other.publicKeyJwk, "EdDSA"))).rejects.toThrow();
  });
});
