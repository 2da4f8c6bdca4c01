import { z } from "zod";

/**
 * Team secrets reach an agent sealed to a key only that agent holds: the agent registers an X25519
 * public key (`boxKey`, base64url of the 32 raw bytes) on its signed heartbeats; the server seals the
 * agent's whole effective secret set for it with an ephemeral X25519 key, HKDF-SHA256 and
 * AES-256-GCM. Neither the transport, the server's logs nor a database dump sees a value in clear.
 *
 * Opening: shared = X25519(agent private key, epk); key = HKDF-SHA256(shared, salt = epk ‖ boxKey,
 * info = "clawfleet secrets v1", 32 bytes); plaintext = AES-256-GCM-open(key, iv, ct, aad =
 * `${agentId}:${version}`), a JSON SecretsPlaintext.
 */
const b64url = (bytes: number) =>
  z
    .string()
    .length(Math.ceil((bytes * 4) / 3))
    .regex(/^[A-Za-z0-9_-]+$/, { message: "base64url without padding" });

export const SECRETS_ALG = "X25519-HKDF-SHA256-A256GCM" as const;
export const SECRETS_HKDF_INFO = "clawfleet secrets v1";

/** Heartbeat body, additive: the agent's X25519 public key for sealed secrets. */
export const BoxKey = b64url(32).describe("The agent's X25519 public key for sealed secrets (base64url of 32 bytes)");

/** Heartbeat answer, additive: the agent's effective secret set when its secretsVersion is behind. */
export const SealedSecrets = z
  .strictObject({
    version: z.number().int().min(1).max(1e12).describe("The secrets version this set is (the newest change in the agent's scope)"),
    alg: z.literal(SECRETS_ALG),
    epk: b64url(32).describe("The sender's ephemeral X25519 public key"),
    iv: b64url(12),
    ct: z.string().max(1_000_000).regex(/^[A-Za-z0-9_-]+$/).describe("AES-256-GCM ciphertext followed by its 16-byte tag"),
  })
  .meta({ id: "SealedSecrets" });
export type SealedSecrets = z.infer<typeof SealedSecrets>;

/** What a SealedSecrets opens to: every secret in the agent's scope, by name (agent over fleet over team). */
export const SecretsPlaintext = z.strictObject({
  version: z.number().int().min(1),
  agentId: z.string(),
  secrets: z.array(z.strictObject({ name: z.string(), value: z.string() })),
});
export type SecretsPlaintext = z.infer<typeof SecretsPlaintext>;

/** Heartbeat body, additive: how the agent's last attempt at a secrets version went. */
export const SecretsStatusReport = z.strictObject({
  version: z.number().int().min(0).max(1e12),
  status: z.enum(["applied", "failed"]),
  message: z.string().max(500).optional().describe("Why it failed (never a secret's value), absent when applied"),
});
export type SecretsStatusReport = z.infer<typeof SecretsStatusReport>;
