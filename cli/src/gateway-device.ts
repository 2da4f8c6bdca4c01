import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./atomic-write";
import { check, object, string } from "./shape";

export type GatewayDevice = { deviceId: string; publicKeyPem: string; privateKeyPem: string };

const Stored = object({ deviceId: string(), publicKeyPem: string(), privateKeyPem: string() });

/** The raw Ed25519 public key, base64url: what the gateway's protocol carries. */
export const publicKeyRaw = (publicKeyPem: string) => String(createPublicKey(publicKeyPem).export({ format: "jwk" }).x);

/** The gateway's device id for a key: the SHA-256 of its raw public key, in hex. */
export const deviceIdOf = (publicKeyPem: string) => createHash("sha256").update(Buffer.from(publicKeyRaw(publicKeyPem), "base64url")).digest("hex");

export const signPayload = (privateKeyPem: string, payload: string) => sign(null, Buffer.from(payload), createPrivateKey(privateKeyPem)).toString("base64url");

/**
 * This agent's device identity towards the OpenClaw gateway (its own Ed25519 key, not the one it
 * signs heartbeats with), kept next to the config file (0600) and made on first use.
 */
export async function loadGatewayDevice(configPath: string): Promise<GatewayDevice> {
  const file = path.join(path.dirname(configPath), "gateway-device.json");
  const existing = await readFile(file, "utf8").then((t) => check(Stored, JSON.parse(t)), () => null);
  // The id is the key's own hash, so a matching id is also a well-formed one.
  if (existing?.ok && deviceIdOf(existing.data.publicKeyPem) === existing.data.deviceId) return existing.data;
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicKeyPem = String(publicKey.export({ type: "spki", format: "pem" }));
  const device = { deviceId: deviceIdOf(publicKeyPem), publicKeyPem, privateKeyPem: String(privateKey.export({ type: "pkcs8", format: "pem" })) };
  await writeFileAtomic(file, `${JSON.stringify(device, null, 2)}\n`);
  return device;
}
