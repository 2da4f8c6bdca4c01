import { COMMON_HELP, parseCommandArgs } from "./cli-args";
import { defaultSpoolDir, readConfig, resolveConfigPath } from "./config";
import type { LastHeartbeat } from "./config";
import { EXIT } from "./errors";
import type { ExitCode } from "./errors";
import { probeGateway } from "./gateway-probe";
import type { GatewayHealth } from "./gateway-probe";
import { printResult } from "./logger";
import { serviceStatus } from "./service-status";
import type { ServiceStatus, ServiceStatusOptions } from "./service-status";
import { Spool } from "./spool";
import { ago } from "./text";

export const STATUS_HELP = `Usage: clawfleet status [--spool-dir DIR]

Shows the pairing, the last heartbeat and its result, the spool, a live probe of the gateway and
whether the service from clawfleet install-service is installed and running.

  --spool-dir DIR the spool used by clawfleet run (default: spool/ next to the config file)
${COMMON_HELP}

Environment: CLAWFLEET_SERVICE_ROOT, where to look for the service files instead of / (for tests and packaging).`;

export interface StatusResult {
  configPath: string;
  url: string;
  agentId: string;
  fleetId: string;
  pairedAt: string;
  heartbeatIntervalS: number;
  seq: number;
  policyVersion: number;
  lastHeartbeat: LastHeartbeat | null;
  pendingAcks: number;
  spool: { dir: string; size: number };
  gateway: GatewayHealth;
  service: ServiceStatus;
}

export async function statusCommand(options: { configPath?: string; spoolDir?: string; service?: ServiceStatusOptions } = {}): Promise<StatusResult> {
  const configPath = options.configPath ?? resolveConfigPath();
  const config = await readConfig(configPath);
  const spool = new Spool(options.spoolDir ?? defaultSpoolDir(configPath));
  const [size, gateway, service] = await Promise.all([spool.size(), probeGateway(config.gatewayUrl), serviceStatus(options.service)]);
  return {
    configPath,
    url: config.url,
    agentId: config.agentId,
    fleetId: config.fleetId,
    pairedAt: config.pairedAt,
    heartbeatIntervalS: config.heartbeatIntervalS,
    seq: config.seq,
    policyVersion: config.policyVersion,
    lastHeartbeat: config.lastHeartbeat ?? null,
    pendingAcks: config.pendingAcks.length,
    spool: { dir: spool.dir, size },
    gateway,
    service,
  };
}

export async function statusCli(argv: string[]): Promise<ExitCode> {
  const values = parseCommandArgs(argv, { "spool-dir": { type: "string" } } as const);
  if (values.help) {
    printResult(false, null, [STATUS_HELP]);
    return EXIT.ok;
  }
  const status = await statusCommand({ configPath: resolveConfigPath(values.config), spoolDir: values["spool-dir"] });
  printResult(values.json, status, describe(status));
  return EXIT.ok;
}

function describe(s: StatusResult): string[] {
  const last = s.lastHeartbeat;
  const g = s.gateway;
  const gateway = g.reachable
    ? `${g.healthy ? "healthy" : `unhealthy (${g.error ?? "?"})`}, ${g.rttMs} ms${g.version ? `, version ${g.version}` : ""}`
    : `unreachable (${g.error ?? "?"})`;
  return [
    `Server:         ${s.url}`,
    `Agent:          ${s.agentId}`,
    `Fleet:          ${s.fleetId}`,
    `Paired:         ${s.pairedAt} (${ago(s.pairedAt)})`,
    `Interval:       ${s.heartbeatIntervalS} s, last seq ${s.seq}, policy version ${s.policyVersion}`,
    last
      ? `Last heartbeat: ${last.at} (${ago(last.at)}): ${last.status}${last.httpStatus === null ? "" : ` HTTP ${last.httpStatus}`}${
          last.agentStatus ? `, agent ${last.agentStatus}` : ""
        }${last.message ? ` - ${last.message}` : ""}`
      : "Last heartbeat: none yet (start clawfleet run)",
    `Spool:          ${s.spool.size} unsent heartbeat(s) in ${s.spool.dir}`,
    `Pending acks:   ${s.pendingAcks}`,
    `Gateway:        ${g.url}: ${gateway}`,
    `Service:        ${describeService(s.service)}`,
  ];
}

function describeService(s: ServiceStatus): string {
  if (s.manager === null) return s.state;
  if (!s.installed || s.file === null) return "not installed (clawfleet install-service sets one up)";
  const running = s.running === null ? `unknown: ${s.state}` : s.running ? `running (${s.state})` : `not running (${s.state})`;
  return `${s.scope ?? "?"} ${s.manager === "launchd" ? "launchd job" : "systemd unit"} ${s.file}, ${running}`;
}
