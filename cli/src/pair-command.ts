import { COMMON_HELP, httpUrl, isLoopback, parseCommandArgs, requireOption } from "./cli-args";
import { DEFAULT_GATEWAY_URL, alreadyPaired, configExists, readConfig, resolveConfigPath, writeConfig } from "./config";
import type { AgentConfig } from "./config";
import { CliError, EXIT } from "./errors";
import type { ExitCode } from "./errors";
import { hostInfo } from "./heartbeat-body";
import { apiUrl, postJson, serverMessage } from "./http-client";
import { generateAgentKeys } from "./keys";
import type { PublicJwk } from "./keys";
import { printResult } from "./logger";
import { z } from "zod";

export const PAIR_HELP = `Usage: clawfleet pair --url URL --code CODE [--gateway URL] [--force]

Creates an Ed25519 key pair on this host, registers its public half with the fleet server using a
one-time pairing code, and saves the agent's identity and private key in the config file (0600).

  --url URL       the OpenClaw Fleet server, e.g. https://fleet.example.com
  --code CODE     pairing code from the agent's page in the dashboard
  --gateway URL   the local OpenClaw gateway (default ${DEFAULT_GATEWAY_URL})
  --force         replace an existing pairing in the config file
${COMMON_HELP}`;

const PairResponse = z.object({
  agentId: z.string().min(1),
  fleetId: z.string().min(1),
  heartbeatIntervalS: z.number().int().positive(),
  audience: z.string().min(1).default("clawfleet"),
});

export interface PairOptions {
  url: string;
  code: string;
  gatewayUrl?: string;
  configPath?: string;
  force?: boolean;
  fetch?: typeof fetch;
}

export type PairResult = Pick<AgentConfig, "url" | "agentId" | "fleetId" | "audience" | "heartbeatIntervalS" | "gatewayUrl" | "pairedAt"> & {
  configPath: string;
  publicKeyJwk: PublicJwk;
};

/** Pairs this host: refuses to replace a pairing unless `force`, since the code is single-use. */
export async function pairCommand(options: PairOptions): Promise<PairResult> {
  const configPath = options.configPath ?? resolveConfigPath();
  const url = httpUrl(options.url, "--url");
  const gatewayUrl = httpUrl(options.gatewayUrl ?? DEFAULT_GATEWAY_URL, "--gateway");
  if (!options.force && (await configExists(configPath))) {
    const existing = await readConfig(configPath).catch(() => null);
    throw alreadyPaired(configPath, existing?.agentId);
  }
  const keys = generateAgentKeys();
  const payload = JSON.stringify({ code: options.code.trim(), publicKeyJwk: keys.publicKeyJwk, host: hostInfo() });
  const result = await postJson(apiUrl(url, "/api/agents/pair"), payload, {}, { fetch: options.fetch });
  if (result.kind === "network") throw new CliError(`cannot reach ${url}: ${result.message}`);
  if (result.status < 200 || result.status >= 300) {
    const wait = result.retryAfterMs === undefined ? "" : `; try again in ${Math.ceil(result.retryAfterMs / 1000)} s`;
    throw new CliError(`pairing refused (HTTP ${result.status}): ${serverMessage(result)}${wait}`);
  }
  const parsed = PairResponse.safeParse(result.body);
  if (!parsed.success) throw new CliError(`unexpected answer from ${url}/api/agents/pair (is --url the fleet server?)`);
  const config: AgentConfig = {
    url,
    ...parsed.data,
    gatewayUrl,
    privateKeyJwk: keys.privateKeyJwk,
    publicKeyJwk: keys.publicKeyJwk,
    pairedAt: new Date().toISOString(),
    seq: 0,
    policyVersion: 0,
    pendingAcks: [],
    recentCommands: [],
  };
  await writeConfig(configPath, config, options.force === true);
  const { privateKeyJwk: _secret, seq: _seq, policyVersion: _pv, pendingAcks: _pa, recentCommands: _rc, ...visible } = config;
  return { ...visible, configPath };
}

export async function pairCli(argv: string[]): Promise<ExitCode> {
  const values = parseCommandArgs(argv, {
    url: { type: "string" },
    code: { type: "string" },
    gateway: { type: "string" },
    force: { type: "boolean", default: false },
  } as const);
  if (values.help) {
    printResult(false, null, [PAIR_HELP]);
    return EXIT.ok;
  }
  const url = requireOption(values.url, "--url");
  if (!values.json && url.startsWith("http:") && !isLoopback(url)) {
    process.stderr.write("warning: --url is plain http; use https outside a trusted network\n");
  }
  const result = await pairCommand({
    url,
    code: requireOption(values.code, "--code"),
    gatewayUrl: values.gateway,
    configPath: resolveConfigPath(values.config),
    force: values.force,
  });
  printResult(values.json, result, [
    `Paired as agent ${result.agentId} in fleet ${result.fleetId}.`,
    `Config: ${result.configPath} (private key stays on this host)`,
    `Heartbeat every ${result.heartbeatIntervalS} s once started with: clawfleet run`,
  ]);
  return EXIT.ok;
}
