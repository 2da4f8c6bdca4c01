import { isIP } from "node:net";
import type { Answer, Question } from "dns-packet";

// DNS-SD over mDNS (RFC 6763): PTR names the instances of a service type, SRV gives an instance's
// host and port, TXT its key=value hints, A/AAAA the host's addresses. Answers arrive in any order
// and over several packets, so they are gathered first and joined at the end.

export interface MdnsService {
  /** The instance label, e.g. "studio (OpenClaw)". */
  name: string;
  host: string | null;
  port: number | null;
  /** TXT hints with lower-case keys (RFC 6763 §6.4: keys are case-insensitive). */
  txt: Record<string, string>;
  addresses: string[];
  /** Source address of the packet that carried the SRV record. */
  from: string | null;
}

/** Lower case, no trailing dot: DNS names compare case-insensitively. */
export function dnsKey(name: string): string {
  return name.replace(/\.$/, "").toLowerCase();
}

export function decodeTxt(data: unknown): Record<string, string> {
  const entries = Array.isArray(data) ? data : [data];
  const txt: Record<string, string> = {};
  for (const entry of entries) {
    const text = Buffer.isBuffer(entry) ? entry.toString("utf8") : typeof entry === "string" ? entry : "";
    const eq = text.indexOf("=");
    if (eq <= 0) continue;
    const key = text.slice(0, eq).trim().toLowerCase();
    // The first occurrence of a key wins (RFC 6763 §6.4).
    if (key && !(key in txt)) txt[key] = text.slice(eq + 1);
  }
  return txt;
}

export class MdnsRecords {
  private readonly type: string;
  private readonly instances = new Map<string, string>();
  private readonly srv = new Map<string, { target: string; port: number; from: string }>();
  private readonly txt = new Map<string, Record<string, string>>();
  private readonly addresses = new Map<string, Set<string>>();

  constructor(serviceType: string) {
    this.type = dnsKey(serviceType);
  }

  add(records: readonly Answer[], from: string): void {
    for (const record of records) {
      const key = dnsKey(record.name);
      if (record.type === "PTR" && key === this.type) {
        const instance = dnsKey(record.data);
        // TTL 0 is a goodbye: the service is going away.
        if (record.ttl === 0) this.instances.delete(instance);
        else if (instance.endsWith(`.${this.type}`)) this.instances.set(instance, record.data.replace(/\.$/, ""));
      } else if (record.type === "SRV" && Number.isInteger(record.data.port)) {
        this.srv.set(key, { target: dnsKey(record.data.target), port: record.data.port, from });
      } else if (record.type === "TXT") {
        this.txt.set(key, decodeTxt(record.data));
      } else if ((record.type === "A" || record.type === "AAAA") && isIP(record.data)) {
        const set = this.addresses.get(key) ?? new Set<string>();
        set.add(record.data);
        this.addresses.set(key, set);
      }
    }
  }

  /** Questions still worth asking: SRV and TXT of instances seen only by PTR, addresses of their hosts. */
  missing(): Question[] {
    const questions: Question[] = [];
    for (const [key, name] of this.instances) {
      if (!this.srv.has(key)) questions.push({ name, type: "SRV" });
      if (!this.txt.has(key)) questions.push({ name, type: "TXT" });
      const target = this.srv.get(key)?.target;
      if (target && !this.addresses.has(target)) questions.push({ name: target, type: "A" });
    }
    return questions;
  }

  services(): MdnsService[] {
    return [...this.instances].map(([key, full]) => {
      const srv = this.srv.get(key);
      return {
        name: full.slice(0, full.length - this.type.length - 1),
        host: srv?.target ?? null,
        port: srv?.port ?? null,
        txt: this.txt.get(key) ?? {},
        addresses: srv ? [...(this.addresses.get(srv.target) ?? [])] : [],
        from: srv?.from ?? null,
      };
    });
  }
}

/** The address to reach a service at: the one it answered from if advertised, else IPv4 first, link-local IPv6 last. */
export function pickAddress(service: Pick<MdnsService, "addresses" | "from">): string | null {
  const { addresses, from } = service;
  if (from && addresses.includes(from)) return from;
  const rank = (a: string) => (isIP(a) === 4 ? 0 : /^fe80:/i.test(a) ? 2 : 1);
  const best = [...addresses].sort((a, b) => rank(a) - rank(b))[0];
  return best ?? from;
}
