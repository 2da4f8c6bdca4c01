import makeMdns from "multicast-dns";
import type { Question } from "dns-packet";
import { describeError } from "./errors";
import { MdnsRecords } from "./mdns-records";
import type { MdnsService } from "./mdns-records";

/** What OpenClaw gateways advertise (the bundled bonjour plugin, through @homebridge/ciao). */
export const GATEWAY_SERVICE_TYPE = "_openclaw-gw._tcp.local";

export interface BrowseResult {
  services: MdnsService[];
  /** Why the browse saw less than it could: the socket or the network refused. */
  warnings: string[];
}

// Queries go out at 0, 1 and 3 s, as RFC 6762 §5.2 spaces them, since one datagram may be lost.
const REQUERY_MS = [1_000, 3_000];
const FOLLOW_UP_MS = 100;

/**
 * Browses for `timeoutMs`, then closes the socket, whatever happened. Never rejects: a machine
 * without multicast yields no services and a warning.
 */
export function browseMdns(timeoutMs: number, serviceType = GATEWAY_SERVICE_TYPE): Promise<BrowseResult> {
  return new Promise((resolve) => {
    const warnings = new Set<string>();
    const records = new MdnsRecords(serviceType);
    const timers: NodeJS.Timeout[] = [];
    let followUp: NodeJS.Timeout | undefined;
    let finished = false;
    let mdns: ReturnType<typeof makeMdns>;
    try {
      mdns = makeMdns();
    } catch (error) {
      resolve({ services: [], warnings: [`mDNS unavailable: ${describeError(error)}`] });
      return;
    }

    const finish = () => {
      if (finished) return;
      finished = true;
      for (const timer of [...timers, followUp]) clearTimeout(timer);
      const done = () => resolve({ services: records.services(), warnings: [...warnings] });
      try {
        mdns.destroy(done);
      } catch {
        done();
      }
    };
    const send = (questions: Question[]) => {
      if (finished || questions.length === 0) return;
      mdns.query({ questions }, (error) => {
        if (error) warnings.add(`mDNS query not sent: ${describeError(error)}`);
      });
    };
    const ask = () => send([{ name: serviceType, type: "PTR" }, ...records.missing()]);

    mdns.on("response", (packet, rinfo) => {
      records.add([...packet.answers, ...packet.additionals], rinfo.address);
      // Responders may leave SRV, TXT or addresses out; ask for them without waiting for the next round.
      if (records.missing().length > 0 && followUp === undefined) {
        followUp = setTimeout(() => {
          followUp = undefined;
          send(records.missing());
        }, FOLLOW_UP_MS);
      }
    });
    mdns.on("error", (error) => {
      warnings.add(`mDNS browse failed: ${describeError(error)}`);
      finish();
    });
    // Per-interface membership failures: other interfaces may still work.
    mdns.on("warning", () => {});
    mdns.once("ready", () => {
      ask();
      for (const at of REQUERY_MS) if (at < timeoutMs) timers.push(setTimeout(ask, at));
    });
    timers.push(setTimeout(finish, timeoutMs));
  });
}
