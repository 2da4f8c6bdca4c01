import { COMMON_HELP, httpUrl, isLoopback, parseCommandArgs, requireOption } from "./cli-args";
import { generateBoxKey } from "./secrets-box";
import { DEFAULT_GATEWAY_URL, alreadyPaired, configExists, readConfig, resolveConfigPath, writeConfig } from "./config";
import type { AgentConfig } from "./config";
import { chooseGateway } from "./discover-choose";
import { CliError, EXIT } from "./errors";
import type { ExitCode } from "./errors";
import { hostInfo } from "./heartbeat-body";
import { apiUrl, isHtmlAnswer, postJson, serverMessage } from "./http-client";
import type { HttpResult } from "./http-client";
import { generateAgentKeys } from "./keys";
import type { PublicJwk } from "./keys";
import { isRecord } from "./guards";
import { printResult } from "./logger";
import { check, number, object, string, withDefault } from "./shape";
import type { MiniFetch } from "./light-fetch";

export const PAIR_HELP = `Usage: clawfleet pair --url URL --code CODE [--gateway URL] [--force]

Creates an Ed25519 key pair on this host, registers its public half with the fleet server using a
one-time pairing code, and saves the agent's identity and private key in the config file (0600).

  --url URL       the OpenClaw Fleet server, e.g. https://fleet.example.com
  --code CODE     pairing code from the agent's page in the dashboard
  --gateway URL   the OpenClaw gateway this host runs; without it, clawfleet discover's search
                  decides: a lone gateway on this host is taken, several are offered to choose
                  from on a terminal (an error otherwise), none leaves ${DEFAULT_GATEWAY_URL}
  --force         replace an existing pairing in the config file
${COMMON_HELP}

Exit codes: 0 paired, 1 failure (server unreachable, code refused, not the Fleet API), 2 usage
(also: several gateways found and no terminal to choose on).`;

const PairResponse = object({
  agentId: string(1),
  fleetId: string(1),
  heartbeatIntervalS: number({ int: true, above: 0 }),
  audience: withDefault(string(1), () => "clawfleet"),
});

export interface PairOptions {
  url: string;
  code: string;
  gatewayUrl?: string;
  configPath?: string;
  force?: boolean;
  fetch?: MiniFetch;
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
  if (!options.force) await assertNotPaired(configPath);
  const keys = generateAgentKeys();
  const payload = JSON.stringify({ code: options.code.trim(), publicKeyJwk: keys.publicKeyJwk, host: hostInfo() });
  const result = await postJson(apiUrl(url, "/api/agents/pair"), payload, {}, { fetch: options.fetch });
  const failure = pairingFailure(url, result);
  if (failure) throw failure;
  const parsed = check(PairResponse, result.kind === "response" ? result.body : null);
  if (!parsed.ok) throw new CliError(`unexpected answer from ${url}/api/agents/pair (is --url the fleet server?)`);
  const config: AgentConfig = {
    url,
    ...parsed.data,
    gatewayUrl,
    privateKeyJwk: keys.privateKeyJwk,
    publicKeyJwk: keys.publicKeyJwk,
    boxKeyJwk: generateBoxKey(),
    pairedAt: new Date().toISOString(),
    seq: 0,
    policyVersion: 0,
    pendingAcks: [],
    recentCommands: [],
  };
  await writeConfig(configPath, config, options.force === true);
  const { privateKeyJwk: _secret, boxKeyJwk: _box, seq: _seq, policyVersion: _pv, pendingAcks: _pa, recentCommands: _rc, ...visible } = config;
  return { ...visible, configPath };
}

/** Checked before discovery and before the single-use code is spent. */
export async function assertNotPaired(configPath: string): Promise<void> {
  if (!(await configExists(configPath))) return;
  const existing = await readConfig(configPath).catch(() => null);
  throw alreadyPaired(configPath, existing?.agentId);
}

// The server answers 404 for a code that is unknown, used or expired, 422 for one of the wrong form.
const CODE_REFUSED = "the pairing code is unknown, used or expired: create a new one on the agent's page";

function pairingFailure(url: string, result: HttpResult): CliError | null {
  if (result.kind === "network") return new CliError(`cannot reach ${url}: ${result.message}`, EXIT.failure, "unreachable");
  if (isHtmlAnswer(result)) {
    return new CliError(`${url} answered with an HTML page, not the OpenClaw Fleet API: is --url the Fleet server?`, EXIT.failure, "not_fleet");
  }
  const { status } = result;
  if (status >= 200 && status < 300) return null;
  if (status === 404 || status === 410 || (status === 422 && refusesCode(result.body))) {
    return new CliError(CODE_REFUSED, EXIT.failure, "code_refused");
  }
  const wait = result.retryAfterMs === undefined ? "" : `; try again in ${Math.ceil(result.retryAfterMs / 1000)} s`;
  return new CliError(`pairing refused (HTTP ${status}): ${serverMessage(result)}${wait}`);
}

/** Whether a 422 is about the code: its `error.details[].path` names it, or names nothing. */
function refusesCode(body: unknown): boolean {
  const details = isRecord(body) && isRecord(body.error) && Array.isArray(body.error.details) ? body.error.details : [];
  const paths = details.flatMap((d: unknown) => (isRecord(d) && typeof d.path === "string" ? [d.path] : []));
  return paths.length === 0 || paths.includes("code");
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
  const code = requireOption(values.code, "--code");
  const configPath = resolveConfigPath(values.config);
  if (!values.force) await assertNotPaired(configPath);
  const choice = values.gateway
    ? { url: values.gateway, source: "flag" as const }
    : await chooseGateway({ interactive: !values.json && process.stdin.isTTY === true && process.stderr.isTTY === true });
  if (choice.source === "default" && !values.json) {
    process.stderr.write(`no OpenClaw gateway found: recording ${choice.url}, the default (pass --gateway URL to change it)\n`);
  }
  const result = await pairCommand({ url, code, gatewayUrl: choice.url, configPath, force: values.force });
  printResult(values.json, { ...result, gatewaySource: choice.source }, [
    `Paired as agent ${result.agentId} in fleet ${result.fleetId}.`,
    `Config: ${result.configPath} (private key stays on this host)`,
    `Gateway: ${result.gatewayUrl}${GATEWAY_SOURCE[choice.source]}`,
    `Heartbeat every ${result.heartbeatIntervalS} s once started with: clawfleet run`,
  ]);
  return EXIT.ok;
}

const GATEWAY_SOURCE = { flag: "", found: " (found on this host)", chosen: " (chosen)", default: " (the default: none was found)" } as const;
