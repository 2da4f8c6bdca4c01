import { isIP } from "node:net";
import os from "node:os";
import type { OpenclawBeacon } from "./discover-openclaw";
import { pickAddress } from "./mdns-records";
import type { MdnsService } from "./mdns-records";
import { printable } from "./text";

export type GatewaySource = "loopback" | "port" | "openclaw" | "mdns";

/** One sighting of a gateway. Names and versions from mDNS or openclaw are unauthenticated hints. */
export interface Candidate {
  address: string;
  port: number;
  source: GatewaySource;
  name: string | null;
  version: string | null;
  tls: boolean;
  /** The .local host name an advertisement named, for matching sightings by name. */
  host: string | null;
}

export interface MergedCandidate extends Omit<Candidate, "source"> {
  sources: GatewaySource[];
}

export const LOOPBACK = "127.0.0.1";

export function fromMdns(service: MdnsService): Candidate | null {
  const gatewayPort = Number(service.txt.gatewayport);
  const port = service.port ?? (Number.isInteger(gatewayPort) && gatewayPort > 0 && gatewayPort < 65_536 ? gatewayPort : null);
  const address = pickAddress(service);
  if (port === null || !address) return null;
  const name = service.txt.displayname || service.name.replace(/\s*\(OpenClaw\)\s*$/i, "");
  return {
    address,
    port,
    source: "mdns",
    name: name ? printable(name, 64) : null,
    version: service.txt.version ? printable(service.txt.version, 64) : null,
    tls: ["1", "true", "yes"].includes((service.txt.gatewaytls ?? "").toLowerCase()),
    host: service.host,
  };
}

/** `address` is the beacon's host resolved (by an mDNS answer or the resolver), or the host name itself. */
export function fromBeacon(beacon: OpenclawBeacon, address: string): Candidate {
  const host = isIP(beacon.host) ? null : beacon.host;
  return { address, port: beacon.port, source: "openclaw", name: beacon.name, version: beacon.version, tls: beacon.tls, host };
}

export function localAddresses(): Set<string> {
  const set = new Set<string>(["::1"]);
  for (const list of Object.values(os.networkInterfaces())) for (const info of list ?? []) set.add(info.address.toLowerCase());
  return set;
}

/**
 * De-duplicates by address:port. An advertisement of this host's own address is the gateway that
 * already answered on loopback at that port, so it joins that entry instead of listing it twice.
 */
export function mergeCandidates(candidates: readonly Candidate[], local: ReadonlySet<string>, loopbackPorts: ReadonlySet<number>): MergedCandidate[] {
  const merged = new Map<string, MergedCandidate>();
  for (const candidate of candidates) {
    let address = normaliseAddress(candidate.address);
    if ((local.has(address) || address.startsWith("127.")) && loopbackPorts.has(candidate.port)) address = LOOPBACK;
    const key = `${address}|${candidate.port}`;
    const existing = merged.get(key);
    if (!existing) {
      const { source, ...rest } = candidate;
      merged.set(key, { ...rest, address, sources: [source] });
      continue;
    }
    if (!existing.sources.includes(candidate.source)) existing.sources.push(candidate.source);
    existing.name ??= candidate.name;
    existing.version ??= candidate.version;
    existing.host ??= candidate.host;
    existing.tls ||= candidate.tls;
  }
  return [...merged.values()];
}

export function normaliseAddress(address: string): string {
  const bare = address.replace(/^\[|\]$/g, "").toLowerCase();
  return bare.startsWith("::ffff:") && isIP(bare.slice(7)) === 4 ? bare.slice(7) : bare;
}

export function gatewayUrl(address: string, port: number, tls: boolean): string {
  return `${tls ? "https" : "http"}://${isIP(address) === 6 ? `[${address}]` : address}:${port}`;
}
