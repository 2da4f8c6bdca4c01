import { constants } from "node:fs";
import { access } from "node:fs/promises";
import path from "node:path";
import type { ServiceSpec } from "./service-spec";

/** Things that let the service install fine yet work less than expected, as one sentence each. */
export async function serviceWarnings(spec: ServiceSpec, context: { root: string; account: string }): Promise<string[]> {
  const warnings: string[] = [];
  if (spec.platform === "linux" && spec.scope === "user" && !(await usable(path.join(context.root, "var/lib/systemd/linger", context.account), constants.F_OK))) {
    warnings.push(`a user service runs only while ${context.account} is logged in; \`loginctl enable-linger ${context.account}\` starts it at boot`);
  }
  if (!(await openclawFound(spec.env))) {
    warnings.push("openclaw is not on the service's PATH, so fleet commands will fail; set OPENCLAW_BIN to its absolute path and install again");
  }
  return warnings;
}

async function openclawFound(env: Record<string, string>): Promise<boolean> {
  if (env.OPENCLAW_BIN) return usable(env.OPENCLAW_BIN, constants.X_OK);
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir && (await usable(path.join(dir, "openclaw"), constants.X_OK))) return true;
  }
  return false;
}

async function usable(file: string, mode: number): Promise<boolean> {
  return access(file, mode).then(
    () => true,
    () => false,
  );
}
