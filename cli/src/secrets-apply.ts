import path from "node:path";
import { writeFileAtomic } from "./atomic-write";
import { describeError } from "./errors";
import { isRecord } from "./guards";
import type { PolicyGateway } from "./policy-apply";
import type { OpenedSecrets } from "./secrets-box";
import { oneOf, number, object, optional, string } from "./shape";
import type { Infer } from "./shape";
import { printable } from "./text";

/** How the agent's last attempt at a secrets version went (SecretsStatusReport in the contract). */
export const SecretsStatus = object({ version: number({ int: true, min: 0 }), status: oneOf("applied", "failed"), message: optional(string()) });
export type SecretsStatus = Infer<typeof SecretsStatus>;

export type SecretsDeps = { gateway: () => Promise<PolicyGateway>; file: string };
export type SecretsOutcome = { report: SecretsStatus; transient: boolean };

/** The gateway's secrets provider clawfleet feeds: SecretRefs `{source: "file", provider: "clawfleet", id: "/NAME"}`. */
export const SECRETS_PROVIDER = "clawfleet";

/** Where the values live on the host: next to the agent's config (0700 directory), mode 0600, owned by the gateway's user. */
export const secretsFileOf = (configPath: string) => path.join(path.dirname(configPath), "gateway-secrets.json");

const failed = (version: number, message: string, transient = false): SecretsOutcome => ({ report: { version, status: "failed", message: printable(message, 500) }, transient });

/**
 * Applies an opened secret set through OpenClaw's own file secrets provider: the values go to a
 * 0600 JSON file (never into openclaw.json), the provider is declared once with an optimistic
 * config write, and `secrets.reload` makes the gateway resolve its SecretRefs again, so a rotation
 * reaches the running gateway without a restart. A refused reload keeps the gateway's previous snapshot.
 */
export async function applySecrets(opened: OpenedSecrets, deps: SecretsDeps): Promise<SecretsOutcome> {
  const { version } = opened;
  const values = Object.fromEntries(opened.secrets.map((s) => [s.name, s.value]));
  try {
    await writeFileAtomic(deps.file, `${JSON.stringify(values)}\n`, { mode: 0o600, dirMode: 0o700 });
  } catch (error) {
    return failed(version, `cannot write ${deps.file}: ${describeError(error)}`);
  }
  let gateway: PolicyGateway;
  try {
    gateway = await deps.gateway();
  } catch (error) {
    return failed(version, `cannot reach the gateway: ${describeError(error)}`, true);
  }
  try {
    const provider = { source: "file", path: deps.file, mode: "json" };
    const current = await gateway.request("config.get", {});
    if (!isRecord(current) || typeof current.hash !== "string") return failed(version, "unexpected config.get answer (no hash)");
    if (!sameProvider(current.config, provider)) {
      const raw = JSON.stringify({ secrets: { providers: { [SECRETS_PROVIDER]: provider } } });
      await gateway.request("config.patch", { raw, baseHash: current.hash, note: "clawfleet: the fleet's secrets provider" });
    }
    await gateway.request("secrets.reload", {});
    return { report: { version, status: "applied" }, transient: false };
  } catch (error) {
    return failed(version, describeError(error));
  } finally {
    gateway.close();
  }
}

function sameProvider(config: unknown, provider: Record<string, string>): boolean {
  const declared = isRecord(config) && isRecord(config.secrets) && isRecord(config.secrets.providers) ? config.secrets.providers[SECRETS_PROVIDER] : undefined;
  return isRecord(declared) && Object.entries(provider).every(([k, v]) => declared[k] === v);
}
