import path from "node:path";
import { COMMON_HELP, parseCommandArgs } from "./cli-args";
import { EXIT, usageError } from "./errors";
import type { ExitCode } from "./errors";
import { printResult } from "./logger";
import { currentHost, serviceRoot } from "./service-host";
import type { ServiceHost, ServiceScope } from "./service-host";
import { installService, uninstallService } from "./service-install";
import type { InstallResult } from "./service-install";

const SCOPE_HELP = `  --user          a service of the current user (default): ~/.config/systemd/user/clawfleet.service
                  on Linux, ~/Library/LaunchAgents/ai.clawfleet.agent.plist on macOS
  --system        a system service run as the invoking user (under sudo, the one who ran sudo, with
                  the config from their home): /etc/systemd/system/clawfleet.service on Linux,
                  /Library/LaunchDaemons/ai.clawfleet.agent.plist on macOS
  --file-only     only write or remove the file; do not call systemctl or launchctl
  --root DIR      write and remove the file under DIR instead of / (for tests and packaging, usually
                  with --file-only; also $CLAWFLEET_SERVICE_ROOT)`;

export const INSTALL_SERVICE_HELP = `Usage: clawfleet install-service [--user | --system] [--file-only]

Keeps clawfleet run running: writes a systemd unit (clawfleet.service) on Linux or a launchd job
(ai.clawfleet.agent) on macOS that starts at boot or login and restarts the agent when it stops,
then enables and starts it. The service runs this Node binary and this clawfleet script with
--config, so install again after moving or upgrading either. The host must be paired first.

${SCOPE_HELP}
${COMMON_HELP}

Exit codes: 0 installed and started (or written, with --file-only), 1 failure, 2 usage,
4 the file was written but systemctl or launchctl is missing or refused to start it (for example
in a container without systemd): the agent is not running as a service.`;

export const UNINSTALL_SERVICE_HELP = `Usage: clawfleet uninstall-service [--user | --system] [--file-only]

Stops and disables the service that clawfleet install-service set up, then removes its file.
A service that is not installed is not an error.

${SCOPE_HELP}
${COMMON_HELP}

Exit codes: 0 removed (or not installed), 1 failure, 2 usage, 4 the file was removed but
systemctl or launchctl is missing or could not stop the service.`;

const SCOPE_OPTIONS = {
  user: { type: "boolean", default: false },
  system: { type: "boolean", default: false },
  root: { type: "string" },
  "file-only": { type: "boolean", default: false },
} as const;

/** clawfleet install-service; `host` is the machine as tests describe it. */
export async function installServiceCli(argv: string[], host: ServiceHost = currentHost()): Promise<ExitCode> {
  const values = parseCommandArgs(argv, SCOPE_OPTIONS);
  if (values.help) {
    printResult(false, null, [INSTALL_SERVICE_HELP]);
    return EXIT.ok;
  }
  const result = await installService({
    scope: scopeOf(values),
    configPath: values.config === undefined ? undefined : path.resolve(values.config),
    root: serviceRoot(values.root, host.env),
    manage: !values["file-only"],
    host,
  });
  if (!values.json) for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  return report(values.json, result, result.error, installedLines(result));
}

/** clawfleet uninstall-service. */
export async function uninstallServiceCli(argv: string[], host: ServiceHost = currentHost()): Promise<ExitCode> {
  const values = parseCommandArgs(argv, SCOPE_OPTIONS);
  if (values.help) {
    printResult(false, null, [UNINSTALL_SERVICE_HELP]);
    return EXIT.ok;
  }
  const manage = !values["file-only"];
  const result = await uninstallService({ scope: scopeOf(values), root: serviceRoot(values.root, host.env), host, manage });
  const removed = manage ? `Stopped ${result.name} and removed ${result.file}.` : `Removed ${result.file} (--file-only: ${result.name} was not stopped).`;
  const line = result.removed ? removed : `${result.name} is not installed (no ${result.file}).`;
  return report(values.json, result, result.error, [line]);
}

function scopeOf(values: { user: boolean; system: boolean }): ServiceScope {
  if (values.user && values.system) throw usageError("pass --user or --system, not both");
  return values.system ? "system" : "user";
}

/** The result as JSON, or its lines; a service-manager failure is one sentence on stderr and exit 4. */
function report(json: boolean, result: object, error: string | null, lines: string[]): ExitCode {
  if (json) printResult(true, result, []);
  else if (error === null) printResult(false, null, lines);
  else process.stderr.write(`clawfleet: ${error}\n`);
  return error === null ? EXIT.ok : EXIT.serviceManager;
}

function installedLines(r: InstallResult): string[] {
  const kind = `${r.scope} ${r.manager === "systemd" ? "unit" : r.scope === "user" ? "LaunchAgent" : "LaunchDaemon"}`;
  const as = r.user === null ? "" : ` as ${r.user}`;
  return [
    r.enabled ? `Installed and started ${r.name} (${kind}): ${r.file}` : `Wrote ${r.name} (${kind}): ${r.file}; not enabled (--file-only)`,
    `Runs clawfleet run --config ${r.configPath}${as}; restarts it when it stops.`,
    `Logs: ${r.logs}`,
  ];
}
