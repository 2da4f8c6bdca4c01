import { readFile, realpath } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CliError, usageError } from "./errors";
import { execRunner } from "./service-runner";
import type { ServiceRunner } from "./service-runner";

/** Our names only: OpenClaw owns openclaw-gateway.service and the ai.openclaw.* labels. */
export const SYSTEMD_UNIT = "clawfleet.service";
export const LAUNCHD_LABEL = "ai.clawfleet.agent";

export type ServiceScope = "user" | "system";
export type ServicePlatform = "linux" | "darwin";

/** What install-service reads from the machine; tests pass their own. */
export interface ServiceHost {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  uid: number;
  user: string;
  home: string;
  execPath: string;
  /** The agent's script as invoked (process.argv[1]). */
  script: string | undefined;
  runner: ServiceRunner;
  homeOf: (user: string) => Promise<string | null>;
}

/** The account the service runs as; `name` is null for root (no User=). */
export interface ServiceAccount {
  name: string | null;
  uid: number;
  home: string;
}

export function currentHost(): ServiceHost {
  const info = os.userInfo();
  return {
    platform: process.platform,
    env: process.env,
    uid: process.getuid?.() ?? info.uid,
    user: info.username,
    home: os.homedir(),
    execPath: process.execPath,
    script: process.argv[1],
    runner: execRunner,
    homeOf: passwdHome,
  };
}

export function servicePlatform(platform: NodeJS.Platform): ServicePlatform {
  if (platform === "linux" || platform === "darwin") return platform;
  throw new CliError(`services are supported on Linux (systemd) and macOS (launchd), not on ${platform}`);
}

/** `--root`, else `$CLAWFLEET_SERVICE_ROOT`, else `/`: every file the service commands write lives under it. */
export function serviceRoot(flag: string | undefined, env: ServiceHost["env"]): string {
  return path.resolve(flag ?? (env.CLAWFLEET_SERVICE_ROOT || "/"));
}

/** The unit or plist path for a platform and scope, under `root`. */
export function serviceFile(platform: ServicePlatform, scope: ServiceScope, root: string, host: Pick<ServiceHost, "home" | "env">): string {
  const xdg = host.env.XDG_CONFIG_HOME;
  const configHome = xdg && path.isAbsolute(xdg) ? xdg : path.join(host.home, ".config");
  const file =
    platform === "linux"
      ? scope === "user"
        ? path.join(configHome, "systemd", "user", SYSTEMD_UNIT)
        : path.join("/etc/systemd/system", SYSTEMD_UNIT)
      : scope === "user"
        ? path.join(host.home, "Library", "LaunchAgents", `${LAUNCHD_LABEL}.plist`)
        : path.join("/Library/LaunchDaemons", `${LAUNCHD_LABEL}.plist`);
  return path.join(root, file);
}

/**
 * A system service runs as the invoking user; under sudo that is the one who ran sudo, since
 * the agent's 0600 config is theirs. A user service always runs as the current user.
 */
export async function serviceAccount(host: ServiceHost, scope: ServiceScope): Promise<ServiceAccount> {
  const sudoUser = host.env.SUDO_USER;
  const sudoUid = Number(host.env.SUDO_UID);
  if (scope === "system" && host.uid === 0 && sudoUser && sudoUser !== "root" && Number.isSafeInteger(sudoUid)) {
    const home = await host.homeOf(sudoUser);
    if (home === null) throw new CliError(`cannot find the home directory of ${sudoUser} (SUDO_USER); pass --config`);
    return { name: sudoUser, uid: sudoUid, home };
  }
  const name = scope === "system" && host.uid !== 0 ? host.user : null;
  return { name, uid: host.uid, home: host.home };
}

/** The agent's script with symlinks resolved, so the service survives a changed PATH. */
export async function agentScript(script: string | undefined): Promise<string> {
  if (!script) throw new CliError("cannot tell where the clawfleet script is (process.argv[1] is empty)");
  const absolute = path.resolve(script);
  return realpath(absolute).catch(() => absolute);
}

/** Unit files and plists cannot carry control characters; refuse them rather than write a broken file. */
export function checkPath(value: string, what: string): string {
  if (/[\x00-\x1f\x7f]/.test(value)) throw usageError(`${what} contains a control character: ${JSON.stringify(value)}`);
  return value;
}

async function passwdHome(user: string): Promise<string | null> {
  // macOS keeps people in Directory Services, not /etc/passwd.
  if (process.platform === "darwin") return path.join("/Users", user);
  const passwd = await readFile("/etc/passwd", "utf8").catch(() => "");
  const entry = passwd.split("\n").find((line) => line.split(":")[0] === user);
  const home = entry?.split(":")[5];
  return home && path.isAbsolute(home) ? home : null;
}
