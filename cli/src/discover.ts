import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { DEFAULT_GATEWAY_PORT } from "./config";
import { fromBeacon, fromMdns, gatewayUrl, localAddresses, LOOPBACK, mergeCandidates } from "./discover-merge";
import type { Candidate, GatewaySource } from "./discover-merge";
import { runOpenclawDiscover } from "./discover-openclaw";
import { probeGateway, PROBE_TIMEOUT_MS } from "./gateway-probe";
import { browseMdns } from "./mdns-browse";
import { dnsKey, pickAddress } from "./mdns-records";

export interface DiscoveredGateway {
  address: string;
  port: number;
  url: string;
  name: string | null;
  sources: GatewaySource[];
  /** Whether GET /health got an HTTP answer, and whether that answer says healthy. */
  reachable: boolean;
  healthy: boolean;
  rttMs: number | null;
  version: string | null;
  error?: string;
}

export interface DiscoverOptions {
  timeoutMs: number;
  /** Extra loopback ports to probe besides 18789. */
  ports?: number[];
  /** The openclaw binary; null leaves `openclaw gateway discover` out. Default $OPENCLAW_BIN, else openclaw. */
  openclawBin?: string | null;
  mdns?: boolean;
}

export interface DiscoveryResult {
  gateways: DiscoveredGateway[];
  warnings: string[];
}

// What was found by the time-out gets at most this long to answer /health.
const LATE_PROBE_MS = 1_500;
const LOOKUP_MS = 500;

/** Finds gateways on loopback, through `openclaw gateway discover` and by mDNS, and probes their /health. */
export async function discoverGateways(options: DiscoverOptions): Promise<DiscoveryResult> {
  const { timeoutMs } = options;
  const bin = options.openclawBin === undefined ? process.env.OPENCLAW_BIN || "openclaw" : options.openclawBin;
  const ports = [...new Set([DEFAULT_GATEWAY_PORT, ...(options.ports ?? [])])];
  // Loopback ports get the same grace as what the browse finds, not less on a short --timeout.
  const portProbeMs = Math.min(PROBE_TIMEOUT_MS, timeoutMs + LATE_PROBE_MS);
  const [probed, openclaw, mdns] = await Promise.all([
    Promise.all(ports.map(async (port) => ({ port, health: await probeGateway(gatewayUrl(LOOPBACK, port, false), portProbeMs) }))),
    bin ? runOpenclawDiscover(bin, timeoutMs, timeoutMs + 1_000) : null,
    options.mdns === false ? null : browseMdns(timeoutMs),
  ]);
  const warnings = [...(mdns?.warnings ?? []), ...(openclaw?.warning ? [openclaw.warning] : [])];

  const answered = probed.filter((p) => p.health.reachable);
  const services = mdns?.services ?? [];
  const mdnsHosts = new Map<string, string>();
  for (const service of services) {
    const address = pickAddress(service);
    if (service.host && address) mdnsHosts.set(dnsKey(service.host), address);
  }
  const beacons = await Promise.all((openclaw?.beacons ?? []).map(async (b) => fromBeacon(b, await resolveHost(b.host, mdnsHosts))));
  const candidates: Candidate[] = [
    ...answered.map(({ port }): Candidate => ({ address: LOOPBACK, port, source: port === DEFAULT_GATEWAY_PORT ? "loopback" : "port", name: null, version: null, tls: false, host: null })),
    ...services.flatMap((s) => fromMdns(s) ?? []),
    ...beacons,
  ];
  const merged = mergeCandidates(candidates, localAddresses(), new Set(answered.map((p) => p.port)));
  const known = new Map(answered.map((p) => [gatewayUrl(LOOPBACK, p.port, false), p.health]));
  const gateways = await Promise.all(
    merged.map(async (c): Promise<DiscoveredGateway> => {
      const url = gatewayUrl(c.address, c.port, c.tls);
      const health = known.get(url) ?? (await probeGateway(url, LATE_PROBE_MS));
      const gateway: DiscoveredGateway = {
        address: c.address,
        port: c.port,
        url,
        name: c.name,
        sources: c.sources,
        reachable: health.reachable,
        healthy: health.healthy,
        rttMs: health.rttMs,
        version: health.version ?? c.version,
      };
      if (health.error) gateway.error = health.error;
      return gateway;
    }),
  );
  return { gateways: gateways.sort(byLocalThenAddress), warnings };
}

/** The address an mDNS answer or the resolver gives a host name, else the name itself (probed as is). */
async function resolveHost(host: string, mdnsHosts: ReadonlyMap<string, string>): Promise<string> {
  const known = isIP(host) ? host : mdnsHosts.get(dnsKey(host));
  if (known) return known;
  const timeout = new Promise<null>((resolve) => setTimeout(resolve, LOOKUP_MS, null).unref());
  const found = await Promise.race([lookup(host).then((r) => r.address, () => null), timeout]);
  return found ?? host;
}

function byLocalThenAddress(a: DiscoveredGateway, b: DiscoveredGateway): number {
  const local = (g: DiscoveredGateway) => (g.address === LOOPBACK ? 0 : 1);
  return local(a) - local(b) || a.address.localeCompare(b.address) || a.port - b.port;
}
