import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from "node:crypto";
import { SECRETS_ALG, SECRETS_HKDF_INFO, SecretsPlaintext, type SealedSecrets } from "@/lib/schemas/secrets-delivery";

// The recipe of lib/schemas/secrets-delivery.ts with Node's own crypto: X25519, HKDF-SHA256 and
// AES-256-GCM are all built in (OpenSSL), so no library is needed on either side.
const IV_BYTES = 12;
const TAG_BYTES = 16;

const x25519Public = (raw: string): KeyObject => createPublicKey({ key: { kty: "OKP", crv: "X25519", x: raw }, format: "jwk" });
const rawPublic = (key: KeyObject): string => String(key.export({ format: "jwk" }).x);

function derive(shared: Buffer, epk: string, boxKey: string): Buffer {
  const salt = Buffer.concat([Buffer.from(epk, "base64url"), Buffer.from(boxKey, "base64url")]);
  return Buffer.from(hkdfSync("sha256", shared, salt, SECRETS_HKDF_INFO, 32));
}

/** Seals an agent's effective secret set to its X25519 `boxKey` with a fresh ephemeral key (each call differs). */
export function sealSecrets(plaintext: SecretsPlaintext, boxKey: string): SealedSecrets {
  const recipient = x25519Public(boxKey);
  const ephemeral = generateKeyPairSync("x25519");
  const epk = rawPublic(ephemeral.publicKey);
  const key = derive(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), epk, boxKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`${plaintext.agentId}:${plaintext.version}`, "utf8"));
  const ct = Buffer.concat([cipher.update(JSON.stringify(plaintext), "utf8"), cipher.final(), cipher.getAuthTag()]);
  return { version: plaintext.version, alg: SECRETS_ALG, epk, iv: iv.toString("base64url"), ct: ct.toString("base64url") };
}

/** Opens a sealed set with the agent's X25519 private key (JWK `d`, base64url); any other key or any tampering throws. */
export function openSecrets(sealed: SealedSecrets, agentId: string, privateKey: { x: string; d: string }): SecretsPlaintext {
  const own = createPrivateKey({ key: { kty: "OKP", crv: "X25519", x: privateKey.x, d: privateKey.d }, format: "jwk" });
  const key = derive(diffieHellman({ privateKey: own, publicKey: x25519Public(sealed.epk) }), sealed.epk, privateKey.x);
  const body = Buffer.from(sealed.ct, "base64url");
  if (body.length < TAG_BYTES) throw new Error("sealed secrets are malformed");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64url"), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(`${agentId}:${sealed.version}`, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  const text = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  return SecretsPlaintext.parse(JSON.parse(text));
}

/** A fresh X25519 key pair as base64url raw halves (what an agent holds; tests use it too). */
export function generateBoxKey(): { x: string; d: string } {
  const { privateKey } = generateKeyPairSync("x25519");
  const jwk = privateKey.export({ format: "jwk" });
  return { x: String(jwk.x), d: String(jwk.d) };
}
