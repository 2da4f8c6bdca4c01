import { open } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "./atomic-write";
import { CliError, EXIT } from "./errors";
import { isErrnoError } from "./guards";
import { PolicyStatus } from "./policy-shape";
import { SecretsStatus } from "./secrets-apply";
import { BoxKeyJwk } from "./secrets-box";
import { array, check, literal, nullable, number, object, oneOf, optional, record, string, withDefault } from "./shape";
import type { Infer } from "./shape";

const Ack = object({
  commandId: string(),
  status: oneOf("done", "failed"),
  message: string(),
});

const LastHeartbeat = object({
  at: string(),
  status: string(),
  httpStatus: nullable(number()),
  agentStatus: nullable(string()),
  message: optional(string()),
});

const jwkFields = { kty: literal("OKP"), crv: literal("Ed25519"), x: string() };

/** The agent's config file: its identity, its private key and the state `run` keeps across restarts. */
export const AgentConfig = object({
  url: string(),
  agentId: string(),
  fleetId: string(),
  audience: string(),
  heartbeatIntervalS: number({ int: true, above: 0 }),
  gatewayUrl: string(),
  privateKeyJwk: object({ ...jwkFields, d: string() }),
  publicKeyJwk: object(jwkFields),
  pairedAt: string(),
  seq: number({ int: true, min: 0 }),
  policyVersion: withDefault(number({ int: true, min: 0 }), () => 0),
  /** The policy revision last applied to the gateway (what policyVersion reports). */
  policy: optional(record),
  /** How the last attempt at a revision went, and when (a failed one is tried again only after a while). */
  policyStatus: optional(PolicyStatus),
  policyAttemptAt: optional(string()),
  /** The X25519 key team secrets are sealed to (created on the first run of an agent paired before it existed). */
  boxKeyJwk: optional(BoxKeyJwk),
  /** The secrets version last applied to the gateway, and how the last attempt went (the values are never kept here). */
  secretsVersion: optional(number({ int: true, min: 0 })),
  secretsStatus: optional(SecretsStatus),
  secretsAttemptAt: optional(string()),
  lastHeartbeat: optional(LastHeartbeat),
  pendingAcks: withDefault(array(Ack), () => []),
  recentCommands: withDefault(array(Ack), () => []),
});
export type AgentConfig = Infer<typeof AgentConfig>;
export type CommandAck = Infer<typeof Ack>;
export type LastHeartbeat = Infer<typeof LastHeartbeat>;

export const DEFAULT_GATEWAY_PORT = 18789;
export const DEFAULT_GATEWAY_URL = `http://127.0.0.1:${DEFAULT_GATEWAY_PORT}`;

/** `--config`, else `$CLAWFLEET_CONFIG`, else `~/.config/clawfleet/agent.json`. */
export function resolveConfigPath(flag?: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const chosen = flag ?? env.CLAWFLEET_CONFIG;
  if (chosen) return path.resolve(chosen);
  return path.join(os.homedir(), ".config", "clawfleet", "agent.json");
}

export function defaultSpoolDir(configPath: string): string {
  return path.join(path.dirname(configPath), "spool");
}

export async function configExists(file: string): Promise<boolean> {
  return (await readRaw(file)) !== null;
}

/** Reads and checks the config: it must be private to its owner, JSON, and of the expected shape. */
export async function readConfig(file: string): Promise<AgentConfig> {
  const raw = await readRaw(file);
  if (raw === null) throw new CliError(`not paired: ${file} does not exist (run clawfleet pair --url URL --code CODE)`, EXIT.failure, "not_paired");
  assertPrivate(file, raw.mode);
  const repair = "fix it or re-pair with clawfleet pair --force";
  if (raw.text.trim() === "") throw new CliError(`${file} is empty; ${repair}`, EXIT.failure, "bad_config");
  let data: unknown;
  try {
    data = JSON.parse(raw.text);
  } catch (error) {
    // V8's message quotes the file's text, which holds the private key: give the position only.
    const at = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    throw new CliError(`${file} is not valid JSON${at ? ` (error at character ${at})` : ""}; ${repair}`, EXIT.failure, "bad_config");
  }
  const parsed = check(AgentConfig, data);
  if (!parsed.ok) throw new CliError(`${file} is not a clawfleet agent config (${parsed.error.where}); ${repair}`, EXIT.failure, "bad_config");
  return parsed.data;
}

/** The file holds the private key: refuse it once anyone but its owner may read or change it. */
function assertPrivate(file: string, mode: number): void {
  if (process.platform === "win32") return;
  const shown = (mode & 0o777).toString(8).padStart(4, "0");
  const how = mode & 0o044 ? "readable" : mode & 0o022 ? "writable" : null;
  if (!how) return;
  const quoted = /^[\w@%+=:,./-]+$/.test(file) ? file : `'${file.replace(/'/g, "'\\''")}'`;
  throw new CliError(`${file} is ${how} by other users (mode ${shown}): run chmod 600 ${quoted}`, EXIT.unsafeConfig, "unsafe_config");
}

/** Writes the config with mode 0600 (directory 0700), atomically; refuses to replace one unless `overwrite`. */
export async function writeConfig(file: string, config: AgentConfig, overwrite: boolean): Promise<void> {
  try {
    await writeFileAtomic(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, dirMode: 0o700, overwrite });
  } catch (error) {
    if (isErrnoError(error, "EEXIST")) throw alreadyPaired(file);
    throw error;
  }
}

/**
 * Merges `patch` into the config on disk. Fails if the file now holds another agent (someone ran
 * `pair --force` meanwhile), so a running loop never overwrites a newer pairing.
 */
export async function updateConfig(file: string, agentId: string, patch: Partial<AgentConfig>): Promise<AgentConfig> {
  const current = await readConfig(file);
  if (current.agentId !== agentId) {
    throw new CliError(`${file} now holds agent ${current.agentId} (re-paired); restart clawfleet run`);
  }
  const next = { ...current, ...patch };
  await writeConfig(file, next, true);
  return next;
}

export function alreadyPaired(file: string, agentId?: string): CliError {
  const who = agentId ? ` as agent ${agentId}` : "";
  return new CliError(`already paired${who} (${file}); pass --force to replace that pairing`, EXIT.failure, "already_paired");
}

async function readRaw(file: string): Promise<{ text: string; mode: number } | null> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if (isErrnoError(error, "ENOENT")) return null;
    throw error;
  }
  try {
    // Mode and content from the same open file, so a swap in between cannot mix them.
    const { mode } = await handle.stat();
    return { text: await handle.readFile("utf8"), mode };
  } finally {
    await handle.close();
  }
}
