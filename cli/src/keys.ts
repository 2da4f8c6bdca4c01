import { createHash, createPrivateKey, generateKeyPairSync, randomUUID, sign } from "node:crypto";
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
export function signRequest(agent: Signer, body: string, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  const claims = { body_sha256: bodySha256(body), sub: agent.agentId, aud: agent.audience, iat, exp: iat + TOKEN_LIFETIME_S, jti: randomUUID() };
  const signingInput = `${base64url({ alg: "EdDSA" })}.${base64url(claims)}`;
  // Node's own Ed25519 signing (not WebCrypto, whose modules would stay loaded in every agent).
  const key = createPrivateKey({ key: { ...agent.privateKeyJwk }, format: "jwk" });
  return Promise.resolve(`${signingInput}.${sign(null, Buffer.from(signingInput), key).toString("base64url")}`);
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
