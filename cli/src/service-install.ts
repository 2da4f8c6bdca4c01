import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./atomic-write";
import { readConfig } from "./config";
import { CliError } from "./errors";
import { isErrnoError } from "./guards";
import { LAUNCHD_LABEL, SYSTEMD_UNIT, checkPath, serviceAccount, serviceFile, servicePlatform } from "./service-host";
import type { ServiceAccount, ServiceHost, ServicePlatform, ServiceScope } from "./service-host";
import { disableService, enableService, forgetService } from "./service-manager";
import type { ManagedService } from "./service-manager";
import { launchdPlist } from "./service-plist";
import { buildServiceSpec } from "./service-spec";
import { serviceWarnings } from "./service-warnings";
import { systemdUnit } from "./service-unit";

export interface ServiceOptions {
  scope: ServiceScope;
  /** Every file is written under it ("/" outside tests and packaging). */
  root: string;
  host: ServiceHost;
}

export interface ManageOptions extends ServiceOptions {
  /** False only writes or removes the file, without calling systemctl or launchctl. */
  manage: boolean;
}

export interface InstallOptions extends ManageOptions {
  /** Default: $CLAWFLEET_CONFIG, else ~/.config/clawfleet/agent.json of the account the service runs as. */
  configPath?: string;
}

interface ServiceRef {
  manager: "systemd" | "launchd";
  scope: ServiceScope;
  name: string;
  file: string;
}

export type InstallResult = ServiceRef & {
  configPath: string;
  user: string | null;
  logs: string;
  enabled: boolean;
  /** Set when the file was written but the service manager is missing or refused it (exit 4). */
  error: string | null;
  warnings: string[];
};

export type UninstallResult = ServiceRef & { removed: boolean; error: string | null };

/** Writes the unit or plist for a paired host, then enables and starts it unless `manage` is false. */
export async function installService(options: InstallOptions): Promise<InstallResult> {
  const { scope, host } = options;
  const platform = servicePlatform(host.platform);
  const account = await serviceAccount(host, scope);
  const configPath = checkPath(options.configPath ?? defaultConfigPath(host, account), "--config");
  // An unpaired host would only fail and restart forever.
  await readConfig(configPath);
  await checkOwner(configPath, account);
  const spec = await buildServiceSpec({ platform, scope, host, account, configPath });
  const text = platform === "linux" ? systemdUnit(spec) : launchdPlist(spec);
  const ref = serviceRef(platform, scope, options.root, host);
  const previous = await readFile(ref.file, "utf8").catch(() => null);
  await writeOrExplain(ref.file, scope, () => writeFileAtomic(ref.file, text, { mode: 0o644, dirMode: 0o755 }));
  const logs = platform === "darwin" ? spec.logFiles.out : `journalctl ${scope === "user" ? "--user " : ""}-u ${SYSTEMD_UNIT}`;
  const warnings = await serviceWarnings(spec, { root: options.root, account: account.name ?? host.user });
  const result: InstallResult = { ...ref, configPath, user: spec.user, logs, enabled: false, error: null, warnings };
  if (!options.manage) return result;
  const failed = await enableService(managed(platform, options, ref.file), previous !== null && previous !== text);
  if (failed !== null) return { ...result, error: `wrote ${ref.file}, but ${ref.name} is not running: ${failed}` };
  return { ...result, enabled: true };
}

/** Stops and disables the service, removes its file and lets systemd forget it. Not installed is fine. */
export async function uninstallService(options: ManageOptions): Promise<UninstallResult> {
  const platform = servicePlatform(options.host.platform);
  const ref = serviceRef(platform, options.scope, options.root, options.host);
  if (!(await exists(ref.file))) return { ...ref, removed: false, error: null };
  if (!options.manage) {
    await writeOrExplain(ref.file, options.scope, () => rm(ref.file));
    return { ...ref, removed: true, error: null };
  }
  const service = managed(platform, options, ref.file);
  const stopped = await disableService(service);
  await writeOrExplain(ref.file, options.scope, () => rm(ref.file));
  if (stopped !== null) return { ...ref, removed: true, error: `removed ${ref.file}, but ${ref.name} may still be running: ${stopped}` };
  const forgotten = await forgetService(service);
  if (forgotten !== null) return { ...ref, removed: true, error: `removed ${ref.file} and stopped ${ref.name}, but ${forgotten}` };
  return { ...ref, removed: true, error: null };
}

export function serviceRef(platform: ServicePlatform, scope: ServiceScope, root: string, host: ServiceHost): ServiceRef {
  const file = serviceFile(platform, scope, root, host);
  return platform === "linux" ? { manager: "systemd", scope, name: SYSTEMD_UNIT, file } : { manager: "launchd", scope, name: LAUNCHD_LABEL, file };
}

export function managed(platform: ServicePlatform, options: ServiceOptions, file: string): ManagedService {
  return { platform, scope: options.scope, uid: options.host.uid, file, runner: options.host.runner };
}

export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function defaultConfigPath(host: ServiceHost, account: ServiceAccount): string {
  const fromEnv = host.env.CLAWFLEET_CONFIG;
  return fromEnv ? path.resolve(fromEnv) : path.join(account.home, ".config", "clawfleet", "agent.json");
}

async function checkOwner(configPath: string, account: ServiceAccount): Promise<void> {
  // The config is 0600 and rewritten atomically: another user could not read it, and root would take it over.
  const owner = (await stat(configPath)).uid;
  if (owner === account.uid) return;
  const who = account.name === null ? `root (uid ${account.uid})` : `${account.name} (uid ${account.uid})`;
  throw new CliError(`${configPath} belongs to uid ${owner}, but the service would run as ${who}; install it as the config's owner (sudo for --system) or pass --config`);
}

async function writeOrExplain(file: string, scope: ServiceScope, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isErrnoError(error, "EACCES") && !isErrnoError(error, "EPERM")) throw error;
    const hint = scope === "system" ? ": --system needs root (sudo)" : "";
    throw new CliError(`permission denied changing ${file}${hint}`);
  }
}
