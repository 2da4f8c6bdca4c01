import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";
import { DEFAULT_GATEWAY_URL } from "./config";
import { discoverGateways } from "./discover";
import type { DiscoveredGateway, DiscoveryResult } from "./discover";
import { DEFAULT_DISCOVER_TIMEOUT_S, healthText } from "./discover-command";
import { LOOPBACK } from "./discover-merge";
import { CliError, EXIT } from "./errors";

export type GatewayChoice =
  | { url: string; source: "found" | "chosen"; gateway: DiscoveredGateway }
  | { url: string; source: "default"; gateway: null };

export interface ChooseOptions {
  /** A person can answer on this terminal (stdin and stderr are TTYs, no --json). */
  interactive: boolean;
  input?: Readable;
  output?: Writable;
  discover?: () => Promise<DiscoveryResult>;
}

const MAX_TRIES = 3;

/**
 * The gateway `pair` records when --gateway is not given. Only a lone gateway on this host is taken
 * without asking: an advertised one is an unauthenticated claim, so a person picks it or names it.
 */
export async function chooseGateway(options: ChooseOptions): Promise<GatewayChoice> {
  const discover = options.discover ?? (() => discoverGateways({ timeoutMs: DEFAULT_DISCOVER_TIMEOUT_S * 1000 }));
  const { gateways } = await discover();
  const [only] = gateways;
  if (!only) return { url: DEFAULT_GATEWAY_URL, source: "default", gateway: null };
  if (gateways.length === 1 && only.address === LOOPBACK) return { url: only.url, source: "found", gateway: only };
  if (!options.interactive) throw severalFound(gateways);
  const gateway = await ask(gateways, options.input ?? process.stdin, options.output ?? process.stderr);
  return { url: gateway.url, source: "chosen", gateway };
}

export function gatewayLine(g: DiscoveredGateway): string {
  return `${g.address}:${g.port}${g.name ? ` (${g.name})` : ""}`;
}

function severalFound(gateways: DiscoveredGateway[]): CliError {
  const list = gateways.map(gatewayLine).join(", ");
  const what = gateways.length === 1 ? `one gateway found, on another host: ${list}` : `several gateways found: ${list}`;
  return new CliError(`${what}; pass --gateway URL`, EXIT.usage, "gateway_choice");
}

async function ask(gateways: DiscoveredGateway[], input: Readable, output: Writable): Promise<DiscoveredGateway> {
  output.write("OpenClaw gateways found (names come from unauthenticated advertisements):\n");
  gateways.forEach((g, i) => output.write(`  ${i + 1}) ${gatewayLine(g)}  ${healthText(g)}  [${g.sources.join(",")}]\n`));
  const rl = createInterface({ input, output, terminal: false });
  const closed = new Promise<null>((resolve) => rl.once("close", () => resolve(null)));
  try {
    for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
      const answer = await Promise.race([rl.question(`Which gateway does this agent watch? [1-${gateways.length}] `), closed]);
      if (answer === null) break;
      const picked = gateways[Number(answer.trim()) - 1];
      if (/^\d+$/.test(answer.trim()) && picked) return picked;
      output.write(`Answer a number from 1 to ${gateways.length}.\n`);
    }
  } finally {
    rl.close();
  }
  throw severalFound(gateways);
}
