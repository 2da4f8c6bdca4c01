import path from "node:path";
import { CliError } from "./errors";
import { agentScript, checkPath } from "./service-host";
import { NODE_FLAGS } from "./v8-flags";
import type { ServiceAccount, ServiceHost, ServicePlatform, ServiceScope } from "./service-host";

/** What the unit or plist says: the same facts rendered for systemd or launchd. */
export interface ServiceSpec {
  platform: ServicePlatform;
  scope: ServiceScope;
  /** Absolute Node binary, absolute agent script, then `run --config <path>`. */
  argv: string[];
  configPath: string;
  /** User= / UserName; null runs a system service as root, and a user service as its user. */
  user: string | null;
  env: Record<string, string>;
  /** Written by the agent (config, its lock, the spool beside it); exists since the host is paired. */
  writable: string[];
  /** Written by the openclaw commands the agent runs (set_model, apply_config), when present. */
  optionalWritable: string[];
  /** launchd's stdout and stderr files; systemd sends both to the journal. */
  logFiles: { out: string; err: string };
}

export interface SpecInput {
  platform: ServicePlatform;
  scope: ServiceScope;
  host: ServiceHost;
  account: ServiceAccount;
  configPath: string;
}

// Passed on so that the openclaw commands in the service see the same OpenClaw as in a shell.
const OPENCLAW_ENV = ["OPENCLAW_BIN", "OPENCLAW_STATE_DIR", "OPENCLAW_CONFIG_PATH"] as const;
const SYSTEM_PATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

/** Builds the service definition; throws a CliError for paths a unit file cannot carry. */
export async function buildServiceSpec(input: SpecInput): Promise<ServiceSpec> {
  const { platform, scope, host, account, configPath } = input;
  if (!path.isAbsolute(host.execPath)) throw new CliError(`the Node binary path is not absolute: ${host.execPath}`);
  const script = await agentScript(host.script);
  const user = scope === "system" ? account.name : null;
  if (user !== null && !/^[A-Za-z0-9_][A-Za-z0-9_.@-]*\$?$/.test(user)) throw new CliError(`cannot run a service as user "${user}"`);
  const env: Record<string, string> = { PATH: servicePath(platform, host) };
  for (const name of OPENCLAW_ENV) {
    const value = host.env[name];
    if (value && path.isAbsolute(value)) env[name] = value;
  }
  const configDir = path.dirname(configPath);
  const openclawDirs = [env.OPENCLAW_STATE_DIR ?? path.join(account.home, ".openclaw")];
  if (env.OPENCLAW_CONFIG_PATH) openclawDirs.push(path.dirname(env.OPENCLAW_CONFIG_PATH));
  const spec: ServiceSpec = {
    platform,
    scope,
    argv: [host.execPath, ...NODE_FLAGS, script, "run", "--config", configPath],
    configPath,
    user,
    env,
    writable: [configDir],
    optionalWritable: unique(openclawDirs).filter((dir) => dir !== configDir),
    logFiles: { out: path.join(configDir, "service.log"), err: path.join(configDir, "service.err.log") },
  };
  for (const value of [...spec.argv, ...Object.values(env), ...spec.optionalWritable]) checkPath(value, "a service path");
  return spec;
}

/**
 * A service starts with a bare PATH, yet openclaw is a Node script (#!/usr/bin/env node), often in
 * a user prefix. Lead with this Node's directory and the one clawfleet was started from (usually
 * the same npm prefix as openclaw), then the caller's PATH, then the system directories.
 */
function servicePath(platform: ServicePlatform, host: ServiceHost): string {
  const dirs = [path.dirname(host.execPath)];
  if (host.script) dirs.push(path.dirname(path.resolve(host.script)));
  dirs.push(...(host.env.PATH ?? "").split(path.delimiter));
  if (platform === "darwin") dirs.push("/opt/homebrew/bin");
  dirs.push(...SYSTEM_PATH);
  return unique(dirs.filter((dir) => path.isAbsolute(dir))).join(path.delimiter);
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((value) => path.normalize(value)))];
}
