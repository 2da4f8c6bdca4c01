import { COMMON_HELP, parseCommandArgs } from "./cli-args";
import { defaultSpoolDir, readConfig, resolveConfigPath } from "./config";
import type { LastHeartbeat } from "./config";
import { EXIT } from "./errors";
import type { ExitCode } from "./errors";
import { probeGateway } from "./gateway-probe";
import type { GatewayHealth } from "./gateway-probe";
import { printResult } from "./logger";
import { Spool } from "./spool";
import { ago } from "./text";

export const STATUS_HELP = `Usage: clawfleet status [--spool-dir DIR]

Shows the pairing, the last heartbeat and its result, the spool and a live probe of the gateway.

  --spool-dir DIR the spool used by clawfleet run (default: spool/ next to the config file)
${COMMON_HELP}`;

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
}

export async function statusCommand(options: { configPath?: string; spoolDir?: string } = {}): Promise<StatusResult> {
  const configPath = options.configPath ?? resolveConfigPath();
  const config = await readConfig(configPath);
  const spool = new Spool(options.spoolDir ?? defaultSpoolDir(configPath));
  const [size, gateway] = await Promise.all([spool.size(), probeGateway(config.gatewayUrl)]);
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
  ];
}
