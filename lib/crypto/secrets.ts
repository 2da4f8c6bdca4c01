import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Sealed secrets look like `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url parts, 12-byte IV, 16-byte tag).
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

type Keyring = { activeId: string; keys: Map<string, Buffer> };
let parsed: { source: string; ring: Keyring } | undefined;

/** The keyring of ENCRYPTION_KEYS (`id:base64key,…`, the first active), parsed again if the setting changes. */
function keyring(): Keyring {
  const source = env().ENCRYPTION_KEYS;
  if (parsed?.source === source) return parsed.ring;
  const keys = new Map<string, Buffer>();
  for (const entry of source.split(",")) {
    const [id = "", encoded = ""] = entry.trim().split(":");
    const key = Buffer.from(encoded, "base64"); // Node's decoder accepts the base64url alphabet too
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error(`ENCRYPTION_KEYS: "${id}" is not a valid key id`);
    if (key.length !== 32) throw new Error(`ENCRYPTION_KEYS: key "${id}" is not 32 bytes`);
    if (keys.has(id)) throw new Error(`ENCRYPTION_KEYS: key id "${id}" appears twice`);
    keys.set(id, key);
  }
  const activeId = keys.keys().next().value;
  if (activeId === undefined) throw new Error("ENCRYPTION_KEYS: no key");
  parsed = { source, ring: { activeId, keys } };
  return parsed.ring;
}

function seal(plaintext: string, aad: string, keyId: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, keyId, iv.toString("base64url"), body.toString("base64url")].join(".");
}

/** Splits a sealed blob, refusing anything that is not exactly our format. */
function parseBlob(blob: string): { keyId: string; iv: Buffer; body: Buffer } {
  const parts = blob.split(".");
  const [version, keyId = "", ivText = "", bodyText = ""] = parts;
  const b64url = /^[A-Za-z0-9_-]+$/;
  if (parts.length !== 4 || version !== VERSION || !keyId || !b64url.test(ivText) || !b64url.test(bodyText)) {
    throw new Error("malformed encrypted secret");
  }
  const iv = Buffer.from(ivText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new Error("malformed encrypted secret");
  return { keyId, iv, body };
}

// Secrets at rest: AES-256-GCM under the active key, bound to `aad` (the row it belongs to, e.g. `channel:<id>`).
export function encryptSecret(plaintext: string, aad: string): string {
  const { activeId, keys } = keyring();
  const key = keys.get(activeId);
  if (!key) throw new Error("no active encryption key");
  return seal(plaintext, aad, activeId, key);
}

// Opens a secret with the key its blob names; a wrong AAD, unknown key, tampering or a malformed blob throws.
export function decryptSecret(blob: string, aad: string): string {
  const { keyId, iv, body } = parseBlob(blob);
  const key = keyring().keys.get(keyId);
  if (!key) throw new Error(`unknown encryption key "${keyId}" (not in ENCRYPTION_KEYS)`);
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("encrypted secret failed authentication (tampered, or sealed for another row)");
  }
}

// Lets the nightly job find secrets sealed under a key other than the active one.
export function needsRotation(blob: string): boolean {
  return blob.split(".")[1] !== keyring().activeId;
}

// Re-seals a secret under the active key so a retired key can leave ENCRYPTION_KEYS.
export function rotateSecret(blob: string, aad: string): string {
  return encryptSecret(decryptSecret(blob, aad), aad);
}

// API responses show which secret is set without revealing it: scheme, host and the last four characters.
export function maskSecret(value: string): string {
  let prefix = "";
  let rest = value;
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") {
      prefix = `${url.protocol}//${url.host}/`;
      rest = `${url.pathname.slice(1)}${url.search}${url.hash}`;
    }
  } catch {
    // Not a URL: a routing key or token, of which only the tail is shown.
  }
  // A short secret would be mostly given away by its tail, so it shows nothing at all.
  return rest.length >= 12 ? `${prefix}…${rest.slice(-4)}` : `${prefix}…`;
}
