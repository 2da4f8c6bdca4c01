import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isLoopback } from "./cli-args";
import { isRecord } from "./guards";

export type TokenSource = { token: string; from: string } | { token: null; reason: string };

type Env = Readonly<Record<string, string | undefined>>;

/** Where the local OpenClaw gateway keeps its config (JSON5), as OpenClaw itself resolves it. */
export function openclawConfigPath(env: Env = process.env): string {
  if (env.OPENCLAW_CONFIG_PATH) return env.OPENCLAW_CONFIG_PATH;
  const stateDir = env.OPENCLAW_STATE_DIR || path.join(env.HOME || os.homedir(), ".openclaw");
  return path.join(stateDir, "openclaw.json");
}

const ENV_REF = /^\$\{([A-Z_][A-Z0-9_]*)\}$/;

/**
 * The gateway's shared token, needed to read its usage over its WebSocket protocol: the
 * OPENCLAW_GATEWAY_TOKEN variable (OpenClaw's own), or, for a gateway on this host only,
 * `gateway.auth.token` from its config file. It is sent to the configured gateway
 * and nowhere else.
 */
export async function resolveGatewayToken(options: { gatewayUrl: string; env?: Env }): Promise<TokenSource> {
  const env = options.env ?? process.env;
  if (env.OPENCLAW_GATEWAY_TOKEN) return { token: env.OPENCLAW_GATEWAY_TOKEN, from: "OPENCLAW_GATEWAY_TOKEN" };
  if (!isLoopback(options.gatewayUrl)) return { token: null, reason: "the gateway is on another host: set OPENCLAW_GATEWAY_TOKEN" };
  const file = openclawConfigPath(env);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return { token: null, reason: `no gateway token: ${file} cannot be read; set OPENCLAW_GATEWAY_TOKEN` };
  }
  let parsed: unknown;
  try {
    parsed = await parseJson5(text);
  } catch {
    return { token: null, reason: `no gateway token: ${file} is not valid JSON5` };
  }
  const auth = isRecord(parsed) && isRecord(parsed.gateway) && isRecord(parsed.gateway.auth) ? parsed.gateway.auth : null;
  const value = auth?.token;
  if (typeof value !== "string" || value.trim() === "") {
    return { token: null, reason: `no gateway token in ${file} (gateway.auth.token): set one with \`openclaw config set gateway.auth.token …\` or set OPENCLAW_GATEWAY_TOKEN` };
  }
  const ref = ENV_REF.exec(value.trim());
  if (ref?.[1]) {
    const resolved = env[ref[1]];
    return resolved ? { token: resolved, from: `${file} (${ref[1]})` } : { token: null, reason: `gateway.auth.token in ${file} names ${ref[1]}, which is not set here` };
  }
  return { token: value.trim(), from: file };
}

/** JSON5, read by its parser only when the file is not plain JSON (that parser's code then stays loaded). */
async function parseJson5(text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    const { default: JSON5 } = await import("json5");
    return JSON5.parse(text);
  }
}
