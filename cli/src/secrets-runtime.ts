import type { AgentRuntime } from "./agent-runtime";
import { describeError } from "./errors";
import { applySecrets, secretsFileOf, type SecretsDeps, type SecretsStatus } from "./secrets-apply";
import { SecretsStatus as Status } from "./secrets-apply";
import { SealedSecrets, generateBoxKey, openSecrets } from "./secrets-box";
import { check } from "./shape";
import { AGENT_VERSION } from "./version";

// A set the gateway refused is tried again after this long, not on every heartbeat (as a policy).
export const FAILED_SECRETS_RETRY_MS = 15 * 60_000;

/** Gives an agent paired before secrets existed its X25519 key, once, in its 0600 config. */
export async function ensureBoxKey(rt: AgentRuntime): Promise<void> {
  if (!rt.config.boxKeyJwk) await rt.save({ boxKeyJwk: generateBoxKey() });
}

/** What every heartbeat says about secrets: the key to seal them to, the version applied, the last attempt. */
export function secretsBodyPart(rt: AgentRuntime): { boxKey: string; version: number; status?: SecretsStatus } | undefined {
  const { boxKeyJwk, secretsVersion, secretsStatus } = rt.config;
  if (!boxKeyJwk) return undefined;
  return { boxKey: boxKeyJwk.x, version: secretsVersion ?? 0, ...(secretsStatus && check(Status, secretsStatus).ok ? { status: secretsStatus } : {}) };
}

/**
 * Opens a delivered set and applies it to the gateway. secretsVersion moves only once the gateway
 * took it; the outcome rides on every heartbeat as secretsStatus. Nothing here logs a value.
 */
export async function applySecretsDelivery(rt: AgentRuntime, delivered: Record<string, unknown>, deps?: SecretsDeps, now = Date.now()): Promise<void> {
  const { log } = rt.options;
  const sealed = check(SealedSecrets, delivered);
  const box = rt.config.boxKeyJwk;
  if (!sealed.ok || !box) {
    log.warn("secrets_failed", `delivered secrets ignored: ${sealed.ok ? "this agent has no box key" : `malformed (${sealed.error.where})`}`);
    return;
  }
  const { version } = sealed.data;
  if (version === (rt.config.secretsVersion ?? 0)) return;
  const last = rt.config.secretsStatus;
  const lastAt = rt.config.secretsAttemptAt ? Date.parse(rt.config.secretsAttemptAt) : Number.NaN;
  if (last?.version === version && last.status === "failed" && now - lastAt < FAILED_SECRETS_RETRY_MS) return;
  let report: SecretsStatus;
  let transient = false;
  try {
    const opened = openSecrets(sealed.data, rt.config.agentId, box);
    log.info("secrets", `applying secrets version ${version} (${opened.secrets.length} secret${opened.secrets.length === 1 ? "" : "s"})`, { version });
    ({ report, transient } = await applySecrets(opened, deps ?? (await defaultDeps(rt))));
  } catch (error) {
    report = { version, status: "failed", message: describeError(error) };
  }
  const attempt = { secretsStatus: report, secretsAttemptAt: transient ? undefined : new Date(now).toISOString() };
  if (report.status === "applied") {
    await rt.save({ ...attempt, secretsVersion: version });
    log.info("secrets_applied", `secrets version ${version} applied`, { version });
  } else {
    await rt.save(attempt);
    log.warn("secrets_failed", `secrets version ${version} not applied: ${report.message ?? ""}`, { version });
  }
}

async function defaultDeps(rt: AgentRuntime): Promise<SecretsDeps> {
  const { policyDeps } = await import("./policy-gateway");
  const { configPath, openclawBin } = rt.options;
  const { gateway } = policyDeps({ gatewayUrl: rt.config.gatewayUrl, configPath, version: AGENT_VERSION, openclawBin });
  return { gateway, file: secretsFileOf(configPath) };
}
