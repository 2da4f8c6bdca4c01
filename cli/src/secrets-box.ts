import { createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync } from "node:crypto";
import { array, check, literal, number, object, string } from "./shape";
import type { Infer } from "./shape";

// Team secrets arrive sealed to this agent's X25519 key (the server's SealedSecrets, protocol
// "clawfleet secrets v1"): shared = X25519(own key, epk); key = HKDF-SHA256(shared, salt = epk ‖
// own public key, info); AES-256-GCM with aad `${agentId}:${version}`. Node's crypto has all three.
const ALG = "X25519-HKDF-SHA256-A256GCM";
const INFO = "clawfleet secrets v1";
const TAG_BYTES = 16;
const NAME = /^[A-Z][A-Z0-9_]{0,127}$/;

/** The agent's X25519 key pair (kept in its 0600 config next to the Ed25519 one). */
export const BoxKeyJwk = object({ kty: literal("OKP"), crv: literal("X25519"), x: string(43), d: string(43) });
export type BoxKeyJwk = Infer<typeof BoxKeyJwk>;

export function generateBoxKey(): BoxKeyJwk {
  const jwk = generateKeyPairSync("x25519").privateKey.export({ format: "jwk" });
  if (typeof jwk.x !== "string" || typeof jwk.d !== "string") throw new Error("X25519 key export failed");
  return { kty: "OKP", crv: "X25519", x: jwk.x, d: jwk.d };
}

export const SealedSecrets = object({ version: number({ int: true, min: 1 }), alg: literal(ALG), epk: string(43), iv: string(16), ct: string(1) });
export type SealedSecrets = Infer<typeof SealedSecrets>;

const Plaintext = object({ version: number({ int: true, min: 1 }), agentId: string(), secrets: array(object({ name: string(1), value: string() })) });
export type OpenedSecrets = Infer<typeof Plaintext>;

/** Opens a sealed set meant for this agent and version; throws (never with a value in the message) otherwise. */
export function openSecrets(sealed: SealedSecrets, agentId: string, box: BoxKeyJwk): OpenedSecrets {
  const own = createPrivateKey({ key: { ...box }, format: "jwk" });
  const epk = createPublicKey({ key: { kty: "OKP", crv: "X25519", x: sealed.epk }, format: "jwk" });
  const salt = Buffer.concat([Buffer.from(sealed.epk, "base64url"), Buffer.from(box.x, "base64url")]);
  const key = Buffer.from(hkdfSync("sha256", diffieHellman({ privateKey: own, publicKey: epk }), salt, INFO, 32));
  const body = Buffer.from(sealed.ct, "base64url");
  if (body.length < TAG_BYTES) throw new Error("the sealed secrets are malformed");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64url"), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(`${agentId}:${sealed.version}`, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  let text: string;
  try {
    text = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("the sealed secrets do not open with this agent's key (sealed for another agent or tampered with)");
  }
  const parsed = check(Plaintext, JSON.parse(text));
  if (!parsed.ok) throw new Error(`the opened secrets are malformed (${parsed.error.where})`);
  const opened = parsed.data;
  if (opened.agentId !== agentId || opened.version !== sealed.version) throw new Error("the opened secrets are for another agent or version");
  const bad = opened.secrets.find((s) => !NAME.test(s.name));
  if (bad) throw new Error("the opened secrets hold a name that is not an environment variable name");
  return opened;
}
