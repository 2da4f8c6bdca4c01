import { describeError } from "./errors";
import { isRecord } from "./guards";
import type { InstallResult } from "./plugin-install";
import { policyPatch, setsAnything } from "./policy-map";
import type { DeliveredPolicy, PolicyStatus } from "./policy-shape";
import { printable } from "./text";

/** What applying a policy needs from the gateway: its RPC methods (config.*, clawfleet.status). */
export type PolicyGateway = { request(method: string, params: unknown): Promise<unknown>; close(): void };

export type ApplyDeps = {
  gateway: () => Promise<PolicyGateway>;
  /** Puts the clawfleet plugin into the gateway and enables it. */
  installPlugin: () => Promise<InstallResult>;
};

/** `transient`: the gateway was not there to ask (down, starting); try again with the next heartbeat. */
export type ApplyOutcome = { report: PolicyStatus; transient: boolean };

const failed = (version: number, message: string, transient = false): ApplyOutcome => ({ report: { version, status: "failed", message: printable(message, 500) }, transient });
const STALE_HASH = /hash|changed since|modified|conflict/i;

/**
 * Applies a delivered policy to the gateway in one optimistic write: `config.get` for the hash and
 * the current model, then `config.patch {raw, baseHash, replacePaths}` carrying the native settings
 * and the plugin's guardrails, with what the previous policy set and this one does not removed.
 * The clawfleet plugin is installed first when the gateway does not have it. A rejected write
 * changes nothing, so the previous policy stays in force; the gateway's message is the status.
 */
export async function applyPolicy(next: DeliveredPolicy, previous: DeliveredPolicy | null, deps: ApplyDeps): Promise<ApplyOutcome> {
  // A fleet without a policy still has a revision: nothing to write, and no plugin to install for it.
  if (!setsAnything(next) && !(previous && setsAnything(previous))) return { report: { version: next.version, status: "applied" }, transient: false };
  let gateway: PolicyGateway;
  try {
    gateway = await deps.gateway();
  } catch (error) {
    return failed(next.version, `cannot reach the gateway: ${describeError(error)}`, true);
  }
  try {
    if (!(await hasPlugin(gateway))) {
      const installed = await deps.installPlugin();
      if (!installed.ok) return failed(next.version, `the clawfleet plugin is not in the gateway and could not be installed: ${installed.message}`);
    }
    for (let attempt = 1; ; attempt++) {
      const current = await gateway.request("config.get", {});
      if (!isRecord(current) || typeof current.hash !== "string") return failed(next.version, "unexpected config.get answer (no hash)");
      const { patch, replacePaths } = policyPatch(next, previous, currentModel(current.config));
      try {
        await gateway.request("config.patch", { raw: JSON.stringify(patch), baseHash: current.hash, replacePaths, note: `clawfleet: fleet policy revision ${next.version}` });
        return { report: { version: next.version, status: "applied" }, transient: false };
      } catch (error) {
        // Someone else wrote the config between the read and the write: read again, once.
        if (attempt < 2 && STALE_HASH.test(describeError(error))) continue;
        return failed(next.version, describeError(error));
      }
    }
  } catch (error) {
    return failed(next.version, describeError(error));
  } finally {
    gateway.close();
  }
}

async function hasPlugin(gateway: PolicyGateway): Promise<boolean> {
  try {
    await gateway.request("clawfleet.status", {});
    return true;
  } catch {
    return false;
  }
}

function currentModel(config: unknown): unknown {
  return isRecord(config) && isRecord(config.agents) && isRecord(config.agents.defaults) ? config.agents.defaults.model : undefined;
}
