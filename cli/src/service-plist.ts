import { LAUNCHD_LABEL } from "./service-host";
import type { ServiceSpec } from "./service-spec";

/** The launchd property list for `spec`: a LaunchAgent (user) or LaunchDaemon (system). */
export function launchdPlist(spec: ServiceSpec): string {
  const user: [string, string][] = spec.user === null ? [] : [["UserName", string(spec.user)]];
  const entries: [string, string][] = [
    ["Label", string(LAUNCHD_LABEL)],
    ["ProgramArguments", `<array>\n${spec.argv.map((arg) => `\t\t${string(arg)}`).join("\n")}\n\t</array>`],
    ["EnvironmentVariables", dict(spec.env)],
    ...user,
    ["RunAtLoad", "<true/>"],
    ["KeepAlive", "<true/>"],
    // Restarts at most every 10 s, as the systemd unit does.
    ["ThrottleInterval", "<integer>10</integer>"],
    ["ProcessType", string("Background")],
    ["StandardOutPath", string(spec.logFiles.out)],
    ["StandardErrorPath", string(spec.logFiles.err)],
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    "<dict>",
    ...entries.map(([key, value]) => `\t<key>${xml(key)}</key>\n\t${value}`),
    "</dict>",
    "</plist>",
    "",
  ].join("\n");
}

function string(value: string): string {
  return `<string>${xml(value)}</string>`;
}

function dict(values: Record<string, string>): string {
  const body = Object.entries(values).map(([key, value]) => `\t\t<key>${xml(key)}</key>\n\t\t${string(value)}`);
  return `<dict>\n${body.join("\n")}\n\t</dict>`;
}

/** Escapes the five XML special characters (control characters were refused earlier). */
function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
