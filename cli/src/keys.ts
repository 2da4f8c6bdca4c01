import { createHash, generateKeyPairSync, randomUUID } from "node:crypto";
import { SignJWT, importJWK } from "jose";
import type { AgentConfig } from "./config";

export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
}
export interface PrivateJwk extends PublicJwk {
  d: string;
}

/** A fresh Ed25519 key pair, both halves as JWK. The private half never leaves the host. */
export function generateAgentKeys(): { publicKeyJwk: PublicJwk; privateKeyJwk: PrivateJwk } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const pub = publicKey.export({ format: "jwk" });
  const priv = privateKey.export({ format: "jwk" });
  if (typeof pub.x !== "string" || typeof priv.d !== "string") throw new Error("Ed25519 key export failed");
  return {
    publicKeyJwk: { kty: "OKP", crv: "Ed25519", x: pub.x },
    privateKeyJwk: { kty: "OKP", crv: "Ed25519", x: pub.x, d: priv.d },
  };
}

/** base64url SHA-256 of the exact bytes sent. */
export function bodySha256(body: string | Uint8Array): string {
  return createHash("sha256").update(body).digest("base64url");
}

export const TOKEN_LIFETIME_S = 60;

type Signer = Pick<AgentConfig, "agentId" | "audience" | "privateKeyJwk">;

/**
 * A single-use EdDSA JWT for one request: `sub` agent, `aud` the pairing's audience, one minute of
 * validity, a random `jti`, and `body_sha256` binding it to the body bytes.
 */
export async function signRequest(agent: Signer, body: string, now = Date.now()): Promise<string> {
  const key = await importJWK(agent.privateKeyJwk, "EdDSA");
  const iat = Math.floor(now / 1000);
  return new SignJWT({ body_sha256: bodySha256(body) })
    .setProtectedHeader({ alg: "EdDSA" })
    .setSubject(agent.agentId)
    .setAudience(agent.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_LIFETIME_S)
    .setJti(randomUUID())
    .sign(key);
}
