import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

type Keyring = { activeId: string; keys: Map<string, Buffer> };
let parsed: { source: string; ring: Keyring } | undefined;

/** The keyring of ENCRYPTION_KEYS (`id:base64key,…`, the first active), parsed again if the setting changes. */
function keyring(): Keyring {
  const source = env().ENCRYPTION_KEYS;
  if (parsed?.source === source) return parsed.ring;
  const keys = new Map<string, Buffer>();
  for (const entry of source.split(",")) {
    const [id, encoded] = entry.split(":");
    const key = Buffer.from(encoded ?? "", "base64"); // accepts the base64url alphabet too
    if (!id || key.length !== 32) throw new Error("ENCRYPTION_KEYS: every key must be 32 bytes");
    keys.set(id, key);
  }
  const activeId = source.split(":")[0] ?? "";
  parsed = { source, ring: { activeId, keys } };
  return parsed.ring;
}

/** AES-256-GCM under the active key, bound to `aad` (the row it belongs to): `v1.<keyId>.<iv>.<ciphertext+tag>`. */
export function encryptSecret(plaintext: string, aad: string): string {
  const { activeId, keys } = keyring();
  const key = keys.get(activeId);
  if (!key) throw new Error("no active encryption key");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return ["v1", activeId, iv.toString("base64url"), body.toString("base64url")].join(".");
}

/** Decrypts with the key named in the blob; a wrong AAD, unknown key or any tampering throws. */
export function decryptSecret(blob: string, aad: string): string {
  const [version, keyId, ivText, bodyText] = blob.split(".");
  if (version !== "v1" || !keyId || !ivText || !bodyText) throw new Error("malformed encrypted secret");
  const key = keyring().keys.get(keyId);
  if (!key) throw new Error(`unknown encryption key "${keyId}"`);
  const body = Buffer.from(bodyText, "base64url");
  if (body.length < 17) throw new Error("malformed encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivText, "base64url"));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
}

/** Whether the blob was sealed with a key other than the active one. */
export const needsRotation = (blob: string) => blob.split(".")[1] !== keyring().activeId;

/** Re-seals a secret under the active key (rotation). */
export const rotateSecret = (blob: string, aad: string) => encryptSecret(decryptSecret(blob, aad), aad);

/** For API responses: the scheme and host of a URL (or nothing of a key) and the last four characters. */
export function maskSecret(value: string): string {
  const tail = value.slice(-4);
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}/…${tail}`;
  } catch {
    return `…${tail}`;
  }
}
