import { CliError } from "./errors";
import type { ServiceSpec } from "./service-spec";

// System units only: a user manager needs an unprivileged user namespace for each of these, which
// many hosts restrict, so user units keep to the core set below.
// MemoryDenyWriteExecute stays out everywhere: V8's JIT needs writable executable pages.
const SYSTEM_HARDENING = [
  "PrivateDevices=yes",
  "ProtectKernelTunables=yes",
  "ProtectKernelModules=yes",
  "ProtectKernelLogs=yes",
  "ProtectControlGroups=yes",
  "ProtectClock=yes",
  "ProtectHostname=yes",
  "RestrictSUIDSGID=yes",
  "RestrictRealtime=yes",
  "LockPersonality=yes",
  "SystemCallArchitectures=native",
];

/** The systemd unit clawfleet.service for `spec`. */
export function systemdUnit(spec: ServiceSpec): string {
  const system = spec.scope === "system";
  // A private /tmp would hide a config (or OpenClaw directory) kept under /tmp or /var/tmp.
  const privateTmp = ![...spec.writable, ...spec.optionalWritable].some((dir) => /^\/(var\/)?tmp(\/|$)/.test(dir));
  const lines = [
    "# Written by clawfleet install-service; remove with clawfleet uninstall-service.",
    "[Unit]",
    "Description=OpenClaw Fleet agent (clawfleet run)",
    // The user manager has no network-online.target; the agent retries and spools on its own.
    ...(system ? ["Wants=network-online.target", "After=network-online.target"] : []),
    "",
    "[Service]",
    "Type=exec",
    `ExecStart=${execLine(spec.argv)}`,
    ...Object.entries(spec.env).map(([name, value]) => `Environment=${quote(`${name}=${value}`, false)}`),
    ...(spec.user === null ? [] : [`User=${spec.user}`]),
    "Restart=always",
    "RestartSec=10",
    // Exit code 3 means the key was revoked or the agent deleted: every restart would be refused.
    "RestartPreventExitStatus=3",
    "NoNewPrivileges=yes",
    ...(privateTmp ? ["PrivateTmp=yes"] : []),
    "ProtectSystem=strict",
    // read-only rather than yes: Node, the agent and openclaw often live under the home directory.
    "ProtectHome=read-only",
    ...spec.writable.map((dir) => `ReadWritePaths=${pathWord(dir, "")}`),
    ...spec.optionalWritable.map((dir) => `ReadWritePaths=${pathWord(dir, "-")}`),
    ...(system ? SYSTEM_HARDENING : []),
    "",
    "[Install]",
    `WantedBy=${system ? "multi-user.target" : "default.target"}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** systemd refuses an executable path holding a quote or backslash, however quoted; "$" stays literal there. */
function execLine([bin = "", ...args]: string[]): string {
  if (/["'\\]/.test(bin)) throw new CliError(`systemd cannot start an executable whose path holds a quote or backslash: ${bin}`);
  return [quote(bin, false), ...args.map((arg) => quote(arg, true))].join(" ");
}

/** ReadWritePaths= is not documented to read C escapes: a backslash is refused rather than guessed at. */
function pathWord(dir: string, prefix: string): string {
  if (dir.includes("\\")) throw new CliError(`a unit file cannot carry a path with a backslash: ${dir}`);
  return quote(`${prefix}${dir}`, false);
}

/**
 * One word as systemd.syntax(7) reads it: C escapes inside double quotes, "%" starts a specifier
 * and, in Exec lines, "$" a variable, so both are doubled.
 */
function quote(word: string, exec: boolean): string {
  let escaped = word.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/%/g, "%%");
  if (exec) escaped = escaped.replace(/\$/g, "$$$$");
  return word === "" || /[\s"'\\;]/.test(word) ? `"${escaped}"` : escaped;
}
