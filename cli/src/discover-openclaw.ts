import { spawn } from "node:child_process";
import { isRecord } from "./guards";
import { printable } from "./text";

// `openclaw gateway discover --json` (2026.9.6) prints
// { timeoutMs, domains, count, beacons: [{ instanceName, displayName, host, port, txt, lanHost,
//   gatewayPort, gatewayTls?, domain, wsUrl }] }. On Linux it reads avahi-browse (nothing without
// avahi-daemon), on macOS dns-sd, plus a wide-area DNS-SD domain when one is configured. Its own
// start-up takes about 2 s. Any of it may change, so every field is optional here.

export interface OpenclawBeacon {
  host: string;
  port: number;
  name: string | null;
  tls: boolean;
  version: string | null;
}

export interface OpenclawDiscovery {
  beacons: OpenclawBeacon[];
  /** Set when the command exists but could not be used. */
  warning?: string;
}

const MAX_BEACONS = 64;
const MAX_OUTPUT = 1_000_000;

export function parseOpenclawDiscover(stdout: string): OpenclawBeacon[] | null {
  const data = lastJsonObject(stdout);
  if (!isRecord(data) || !Array.isArray(data.beacons)) return null;
  return data.beacons.slice(0, MAX_BEACONS).flatMap((beacon) => {
    const parsed = isRecord(beacon) ? beaconOf(beacon) : null;
    return parsed ? [parsed] : [];
  });
}

function beaconOf(b: Record<string, unknown>): OpenclawBeacon | null {
  const ws = typeof b.wsUrl === "string" ? safeUrl(b.wsUrl) : null;
  const host = text(b.host) ?? (ws ? ws.hostname.replace(/^\[|\]$/g, "") : null);
  const port = portOf(b.port) ?? (ws?.port ? portOf(Number(ws.port)) : null) ?? portOf(b.gatewayPort);
  if (!host || port === null || !/^[A-Za-z0-9.:%_-]+$/.test(host)) return null;
  const txt = isRecord(b.txt) ? b.txt : {};
  const name = text(b.displayName) ?? text(txt.displayName) ?? text(b.instanceName);
  const version = text(b.version) ?? text(txt.version);
  return {
    host: host.replace(/\.$/, ""),
    port,
    name: name ? printable(name, 64) : null,
    tls: b.gatewayTls === true || ws?.protocol === "wss:",
    version: version ? printable(version, 64) : null,
  };
}

/** Runs the command, killing it at `budgetMs`. Answers null when no such command is installed. */
export function runOpenclawDiscover(bin: string, timeoutMs: number, budgetMs: number): Promise<OpenclawDiscovery | null> {
  return new Promise((resolve) => {
    const args = ["gateway", "discover", "--json", "--timeout", String(Math.max(500, timeoutMs))];
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, NO_COLOR: "1" } });
    let out = "";
    let settled = false;
    const settle = (result: OpenclawDiscovery | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout.destroy();
      resolve(result);
    };
    // A read-only listing: nothing is lost by killing it outright.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle({ beacons: [], warning: `${bin} gateway discover gave no answer within ${(budgetMs / 1000).toFixed(1)} s` });
    }, budgetMs);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (out.length < MAX_OUTPUT) out += chunk;
    });
    child.on("error", (error) => {
      const missing = "code" in error && error.code === "ENOENT";
      settle(missing ? null : { beacons: [], warning: `${bin} gateway discover failed: ${error.message}` });
    });
    child.on("close", (code) => {
      const beacons = parseOpenclawDiscover(out);
      if (beacons) return settle({ beacons });
      settle({ beacons: [], warning: `${bin} gateway discover printed no beacon list (exit ${code ?? "signal"})` });
    });
  });
}

/** The JSON may follow log lines: try each line that opens an object, up to the last closing brace. */
function lastJsonObject(stdout: string): unknown {
  const end = stdout.lastIndexOf("}");
  for (const match of stdout.matchAll(/^\{/gm)) {
    try {
      return JSON.parse(stdout.slice(match.index, end + 1));
    } catch {
      // a log line, not the document
    }
  }
  return null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

function portOf(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value < 65_536 ? value : null;
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
