import { LAUNCHD_LABEL, SYSTEMD_UNIT } from "./service-host";
import type { ServicePlatform, ServiceScope } from "./service-host";
import { failure } from "./service-runner";
import type { ServiceRunner } from "./service-runner";

/** The installed service as systemctl or launchctl address it. */
export interface ManagedService {
  platform: ServicePlatform;
  scope: ServiceScope;
  /** Picks launchd's gui/<uid> domain for a user agent. */
  uid: number;
  file: string;
  runner: ServiceRunner;
}

/** Running (null when the service manager could not say) and its own word for the state. */
export interface ServiceState {
  running: boolean | null;
  state: string;
}

type Call = [file: string, ...args: string[]];

/**
 * Loads and starts the service from its file; `replaced` restarts a unit whose file changed, as
 * enable --now leaves a running one alone. Answers why it failed, or null.
 */
export async function enableService(s: ManagedService, replaced: boolean): Promise<string | null> {
  if (s.platform === "linux") {
    const calls = [systemctl(s, "daemon-reload"), systemctl(s, "enable", "--now", SYSTEMD_UNIT)];
    if (replaced) calls.push(systemctl(s, "restart", SYSTEMD_UNIT));
    return runAll(s.runner, calls);
  }
  const loaded = await launchdLoaded(s);
  if (loaded.error !== null) return loaded.error;
  // bootstrap refuses a label that is already loaded, and a job once disabled stays so until enabled.
  const calls: Call[] = loaded.loaded ? [["launchctl", "bootout", target(s)]] : [];
  calls.push(["launchctl", "enable", target(s)], ["launchctl", "bootstrap", domain(s), s.file]);
  return runAll(s.runner, calls);
}

/** Stops and disables the service before its file goes; answers why it failed, or null. */
export async function disableService(s: ManagedService): Promise<string | null> {
  if (s.platform === "linux") return runAll(s.runner, [systemctl(s, "disable", "--now", SYSTEMD_UNIT)]);
  const loaded = await launchdLoaded(s);
  if (loaded.error !== null) return loaded.error;
  return loaded.loaded ? runAll(s.runner, [["launchctl", "bootout", target(s)]]) : null;
}

/** After the file is removed: systemd forgets the unit; launchd already has. */
export async function forgetService(s: ManagedService): Promise<string | null> {
  return s.platform === "linux" ? runAll(s.runner, [systemctl(s, "daemon-reload")]) : null;
}

/** Asks systemctl is-active or launchctl print whether the service runs. */
export async function serviceState(s: ManagedService): Promise<ServiceState> {
  if (s.platform === "linux") {
    const call = systemctl(s, "is-active", SYSTEMD_UNIT);
    const [file, ...args] = call;
    const outcome = await s.runner(file, args);
    const state = outcome.stdout.trim();
    if (!outcome.missing && /^[a-z-]+$/.test(state)) return { running: outcome.code === 0 && state === "active", state };
    return { running: null, state: failure(file, args, outcome) };
  }
  const outcome = await s.runner("launchctl", ["print", target(s)]);
  if (outcome.missing) return { running: null, state: failure("launchctl", ["print", target(s)], outcome) };
  if (outcome.code !== 0) return { running: false, state: "not loaded" };
  const state = /^\s*state = (\S+)/m.exec(outcome.stdout)?.[1] ?? "loaded";
  return { running: state === "running", state };
}

function systemctl(s: ManagedService, ...args: string[]): Call {
  return s.scope === "user" ? ["systemctl", "--user", ...args] : ["systemctl", ...args];
}

function domain(s: ManagedService): string {
  return s.scope === "user" ? `gui/${s.uid}` : "system";
}

function target(s: ManagedService): string {
  return `${domain(s)}/${LAUNCHD_LABEL}`;
}

async function launchdLoaded(s: ManagedService): Promise<{ loaded: boolean; error: string | null }> {
  const outcome = await s.runner("launchctl", ["print", target(s)]);
  if (outcome.missing) return { loaded: false, error: failure("launchctl", ["print", target(s)], outcome) };
  return { loaded: outcome.code === 0, error: null };
}

/** Runs the calls in order and stops at the first that fails. */
async function runAll(runner: ServiceRunner, calls: Call[]): Promise<string | null> {
  for (const [file, ...args] of calls) {
    const outcome = await runner(file, args);
    if (outcome.missing || outcome.code !== 0) return failure(file, args, outcome);
  }
  return null;
}
