import { COMMON_HELP, parseCommandArgs, positiveSeconds, tcpPort } from "./cli-args";
import { DEFAULT_GATEWAY_PORT } from "./config";
import { discoverGateways } from "./discover";
import type { DiscoveredGateway, DiscoveryResult } from "./discover";
import { EXIT } from "./errors";
import type { ExitCode } from "./errors";
import { printResult } from "./logger";
import { GATEWAY_SERVICE_TYPE } from "./mdns-browse";

export const DEFAULT_DISCOVER_TIMEOUT_S = 3;
const MAX_TIMEOUT_S = 60;

export const DISCOVER_HELP = `Usage: clawfleet discover [--port N ...] [--timeout S]

Lists the OpenClaw gateways this host can find: 127.0.0.1:${DEFAULT_GATEWAY_PORT} and each --port on
loopback, \`openclaw gateway discover --json\` when openclaw is installed, and mDNS advertisements of
${GATEWAY_SERVICE_TYPE.replace(/\.local$/, "")}. Each one found is probed with GET /health. Names and
versions from advertisements are unauthenticated hints; nothing but /health is sent.

  --port N        also probe this port on 127.0.0.1 (repeatable)
  --timeout S     how long to listen for advertisements, in seconds (default ${DEFAULT_DISCOVER_TIMEOUT_S});
                  gateways found get up to 1.5 s more to answer /health
${COMMON_HELP}

Environment: OPENCLAW_BIN, the openclaw binary (default: openclaw on the PATH).
Exit codes: 0 listed (even none), 2 usage.`;

export async function discoverCli(argv: string[]): Promise<ExitCode> {
  const values = parseCommandArgs(argv, {
    port: { type: "string", multiple: true },
    timeout: { type: "string" },
  } as const);
  if (values.help) {
    printResult(false, null, [DISCOVER_HELP]);
    return EXIT.ok;
  }
  const timeoutS = positiveSeconds(values.timeout, "--timeout", DEFAULT_DISCOVER_TIMEOUT_S, MAX_TIMEOUT_S);
  const ports = (values.port ?? []).map((p) => tcpPort(p, "--port"));
  const result = await discoverGateways({ timeoutMs: Math.round(timeoutS * 1000), ports });
  if (!values.json) for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  printResult(values.json, result, describeDiscovery(result, timeoutS));
  return EXIT.ok;
}

export function describeDiscovery({ gateways }: DiscoveryResult, timeoutS: number): string[] {
  if (gateways.length === 0) {
    return [`No OpenClaw gateway found (127.0.0.1:${DEFAULT_GATEWAY_PORT}, mDNS for ${timeoutS} s, openclaw gateway discover).`];
  }
  const rows = gateways.map((g) => [g.address, String(g.port), g.name ?? "-", healthText(g), g.version ?? "-", g.sources.join(",")]);
  return table([["ADDRESS", "PORT", "NAME", "HEALTH", "VERSION", "FOUND BY"], ...rows]);
}

export function healthText(g: DiscoveredGateway): string {
  if (!g.reachable) return `no answer (${g.error ?? "?"})`;
  return `${g.healthy ? "healthy" : "unhealthy"}, ${g.rttMs} ms`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  "));
}
