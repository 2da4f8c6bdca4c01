import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import type { Answer } from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscoveredGateway } from "@/cli/src/discover";
import { discoverGateways } from "@/cli/src/discover";
import { chooseGateway } from "@/cli/src/discover-choose";
import { describeDiscovery, discoverCli } from "@/cli/src/discover-command";
import { fromMdns, mergeCandidates } from "@/cli/src/discover-merge";
import type { Candidate } from "@/cli/src/discover-merge";
import { parseOpenclawDiscover } from "@/cli/src/discover-openclaw";
import { decodeTxt, MdnsRecords, pickAddress } from "@/cli/src/mdns-records";

const TYPE = "_openclaw-gw._tcp.local";
const txt = (...entries: string[]) => entries.map((e) => Buffer.from(e));

// What openclaw 2026.9.6 (bonjour plugin, @homebridge/ciao) answered to a PTR query, as decoded.
const GATEWAY_ANSWER: Answer[] = [
  { name: TYPE, type: "PTR", ttl: 4500, data: `vm (OpenClaw).${TYPE}` },
  { name: `vm (OpenClaw).${TYPE}`, type: "TXT", ttl: 4500, data: txt("role=gateway", "gatewayPort=18789", "lanHost=vm.local", "displayName=vm", "transport=gateway") },
  { name: `vm (OpenClaw).${TYPE}`, type: "SRV", ttl: 120, data: { priority: 0, weight: 0, port: 18789, target: "vm.local" } },
  { name: "vm.local", type: "A", ttl: 120, data: "192.0.2.7" },
  { name: "vm.local", type: "AAAA", ttl: 120, data: "fe80::1" },
];

// `openclaw gateway discover --json` from the same gateway, with avahi-daemon running.
const OPENCLAW_OUTPUT = `{
  "timeoutMs": 2000,
  "domains": ["local."],
  "count": 1,
  "beacons": [
    {
      "instanceName": "vm (OpenClaw)",
      "displayName": "vm",
      "host": "vm.local",
      "port": 18789,
      "txt": { "transport": "gateway", "displayName": "vm", "lanHost": "vm.local", "gatewayPort": "18789", "role": "gateway" },
      "lanHost": "vm.local",
      "role": "gateway",
      "transport": "gateway",
      "gatewayPort": 18789,
      "domain": "local.",
      "wsUrl": "ws://vm.local:18789"
    }
  ]
}
`;

describe("clawfleet discover: mDNS records", () => {
  it("joins PTR, SRV, TXT and addresses into a service, as the real gateway advertises it", () => {
    const records = new MdnsRecords(TYPE);
    records.add(GATEWAY_ANSWER, "192.0.2.7");
    expect(records.services()).toEqual([
      {
        name: "vm (OpenClaw)",
        host: "vm.local",
        port: 18789,
        txt: { role: "gateway", gatewayport: "18789", lanhost: "vm.local", displayname: "vm", transport: "gateway" },
        addresses: ["192.0.2.7", "fe80::1"],
        from: "192.0.2.7",
      },
    ]);
    expect(records.missing()).toEqual([]);
    const [service] = records.services();
    expect(service && fromMdns(service)).toEqual({ address: "192.0.2.7", port: 18789, source: "mdns", name: "vm", version: null, tls: false, host: "vm.local" });
  });

  it("asks for what a responder left out, takes answers from several packets, and honours goodbyes", () => {
    const records = new MdnsRecords(TYPE);
    records.add([{ name: "_OpenClaw-GW._tcp.local.", type: "PTR", ttl: 4500, data: `b.${TYPE}` }], "192.0.2.9");
    expect(records.missing()).toEqual([
      { name: `b.${TYPE}`, type: "SRV" },
      { name: `b.${TYPE}`, type: "TXT" },
    ]);
    records.add([{ name: `B.${TYPE}`, type: "SRV", ttl: 120, data: { port: 19000, target: "b.local" } }], "192.0.2.9");
    expect(records.missing()).toEqual([
      { name: `b.${TYPE}`, type: "TXT" },
      { name: "b.local", type: "A" },
    ]);
    records.add([{ name: "other._http._tcp.local", type: "SRV", ttl: 120, data: { port: 80, target: "x.local" } }], "192.0.2.10");
    const [service] = records.services();
    expect(service).toMatchObject({ name: "b", port: 19000, addresses: [], from: "192.0.2.9" });
    expect(service && pickAddress(service)).toBe("192.0.2.9");
    records.add([{ name: TYPE, type: "PTR", ttl: 0, data: `b.${TYPE}` }], "192.0.2.9");
    expect(records.services()).toEqual([]);
  });

  it("reads TXT defensively: keys without case, the first of a key wins, junk is skipped", () => {
    expect(decodeTxt(txt("DisplayName=a=b", "displayname=second", "noequals", "=novalue", "version=1.2"))).toEqual({ displayname: "a=b", version: "1.2" });
    expect(decodeTxt("role=gateway")).toEqual({ role: "gateway" });
    expect(decodeTxt(42)).toEqual({});
  });

  it("picks the address the answer came from, else IPv4, and link-local IPv6 last", () => {
    expect(pickAddress({ addresses: ["fe80::1", "2001:db8::1", "192.0.2.1"], from: "192.0.2.99" })).toBe("192.0.2.1");
    expect(pickAddress({ addresses: ["fe80::1", "2001:db8::1"], from: null })).toBe("2001:db8::1");
    expect(pickAddress({ addresses: ["192.0.2.1", "192.0.2.2"], from: "192.0.2.2" })).toBe("192.0.2.2");
    expect(pickAddress({ addresses: [], from: null })).toBeNull();
  });
});

describe("clawfleet discover: openclaw gateway discover output", () => {
  it("reads the real output, also after log lines", () => {
    const expected = [{ host: "vm.local", port: 18789, name: "vm", tls: false, version: null }];
    expect(parseOpenclawDiscover(OPENCLAW_OUTPUT)).toEqual(expected);
    expect(parseOpenclawDiscover(`{"level":"info","msg":"scanning"}\nplugins loaded\n${OPENCLAW_OUTPUT}`)).toEqual(expected);
  });

  it("keeps what it can from odd beacons and refuses what is not a beacon list", () => {
    const odd = JSON.stringify({
      beacons: [
        { wsUrl: "wss://[2001:db8::5]:19001", txt: { displayName: "tls one", version: "2026.9.6" } },
        { host: "no-port.local" },
        { host: "bad host; rm -rf /", port: 1 },
        "nonsense",
        { host: "c.local", port: 70000, gatewayPort: 18790, instanceName: "c (OpenClaw)" },
      ],
    });
    expect(parseOpenclawDiscover(odd)).toEqual([
      { host: "2001:db8::5", port: 19001, name: "tls one", tls: true, version: "2026.9.6" },
      { host: "c.local", port: 18790, name: "c (OpenClaw)", tls: false, version: null },
    ]);
    expect(parseOpenclawDiscover("")).toBeNull();
    expect(parseOpenclawDiscover("Gateway Discovery\nFound 0 gateway(s)")).toBeNull();
    expect(parseOpenclawDiscover('{"beacons": {"a": 1}}')).toBeNull();
  });
});

describe("clawfleet discover: merging", () => {
  const seen = (address: string, port: number, source: Candidate["source"], name: string | null = null): Candidate => ({
    address,
    port,
    source,
    name,
    version: null,
    tls: false,
    host: null,
  });

  it("de-duplicates by address:port and folds this host's own advertisement into its loopback entry", () => {
    const merged = mergeCandidates(
      [
        seen("127.0.0.1", 18789, "loopback"),
        seen("192.0.2.7", 18789, "mdns", "studio"),
        seen("::ffff:192.0.2.8", 18789, "mdns", "lab"),
        seen("192.0.2.8", 18789, "openclaw", "lab-from-openclaw"),
        seen("192.0.2.7", 19000, "mdns", "second on this host, not answering on loopback"),
      ],
      new Set(["192.0.2.7"]),
      new Set([18789]),
    );
    expect(merged.map((m) => [m.address, m.port, m.name, m.sources])).toEqual([
      ["127.0.0.1", 18789, "studio", ["loopback", "mdns"]],
      ["192.0.2.8", 18789, "lab", ["mdns", "openclaw"]],
      ["192.0.2.7", 19000, "second on this host, not answering on loopback", ["mdns"]],
    ]);
  });

  it("prints a table, or says where it looked", () => {
    const gateway: DiscoveredGateway = { address: "127.0.0.1", port: 18789, url: "http://127.0.0.1:18789", name: "vm", sources: ["loopback", "mdns"], reachable: true, healthy: true, rttMs: 1.5, version: null };
    const remote: DiscoveredGateway = { ...gateway, address: "192.0.2.8", url: "http://192.0.2.8:18789", name: null, sources: ["mdns"], reachable: false, healthy: false, rttMs: null, error: "ECONNREFUSED" };
    expect(describeDiscovery({ gateways: [gateway, remote], warnings: [] }, 3)).toEqual([
      "ADDRESS    PORT   NAME  HEALTH                    VERSION  FOUND BY",
      "127.0.0.1  18789  vm    healthy, 1.5 ms           -        loopback,mdns",
      "192.0.2.8  18789  -     no answer (ECONNREFUSED)  -        mdns",
    ]);
    expect(describeDiscovery({ gateways: [], warnings: [] }, 3)).toEqual(["No OpenClaw gateway found (127.0.0.1:18789, mDNS for 3 s, openclaw gateway discover)."]);
  });

  it("refuses a bad --port or --timeout as a usage error", async () => {
    await expect(discoverCli(["--port", "70000"])).rejects.toMatchObject({ exitCode: 2, message: '--port must be a TCP port (1-65535), got "70000"' });
    await expect(discoverCli(["--timeout", "0"])).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe("clawfleet discover: sources", () => {
  let dir: string;
  const gateway = createServer((req, res) => {
    res.writeHead(req.url === "/health" ? 200 : 404, { "content-type": "application/json" }).end('{"ok":true,"status":"live"}');
  });
  let port = 0;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "clawfleet-discover-"));
    await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
    port = (gateway.address() as AddressInfo).port;
  });
  afterAll(async () => {
    gateway.closeAllConnections();
    await new Promise((resolve) => gateway.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  async function fakeOpenclaw(name: string, script: string): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, `#!${process.execPath}\n${script}\n`);
    await chmod(file, 0o755);
    return file;
  }

  it("merges a --port gateway with the same gateway listed by openclaw gateway discover", async () => {
    const beacon = { instanceName: "fake (OpenClaw)", displayName: "fake", host: "127.0.0.1", port, wsUrl: `ws://127.0.0.1:${port}` };
    const bin = await fakeOpenclaw("openclaw-ok", `console.log("noise"); console.log(JSON.stringify({ count: 1, beacons: [${JSON.stringify(beacon)}] }, null, 2));`);
    const result = await discoverGateways({ timeoutMs: 3_000, ports: [port], openclawBin: bin, mdns: false });
    expect(result.warnings).toEqual([]);
    expect(result.gateways).toContainEqual(
      expect.objectContaining({ address: "127.0.0.1", port, url: `http://127.0.0.1:${port}`, name: "fake", sources: ["port", "openclaw"], reachable: true, healthy: true }),
    );
  });

  it("stops waiting for an openclaw that does not answer, and skips one that is not installed", async () => {
    const bin = await fakeOpenclaw("openclaw-hangs", "setInterval(() => {}, 1000);");
    const started = performance.now();
    const hung = await discoverGateways({ timeoutMs: 500, ports: [], openclawBin: bin, mdns: false });
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(hung.warnings).toEqual([`${bin} gateway discover gave no answer within 1.5 s`]);
    const missing = await discoverGateways({ timeoutMs: 300, openclawBin: path.join(dir, "not-there"), mdns: false });
    expect(missing.warnings).toEqual([]);
  });
});

describe("clawfleet pair: choosing the gateway", () => {
  const g = (address: string, port: number, name: string | null): DiscoveredGateway => ({
    address,
    port,
    url: `http://${address}:${port}`,
    name,
    sources: address === "127.0.0.1" ? ["loopback"] : ["mdns"],
    reachable: true,
    healthy: true,
    rttMs: 1,
    version: null,
  });
  const found = (...gateways: DiscoveredGateway[]) => async () => ({ gateways, warnings: [] });

  it("keeps the default when nothing is found and takes a lone gateway on this host", async () => {
    expect(await chooseGateway({ interactive: false, discover: found() })).toEqual({ url: "http://127.0.0.1:18789", source: "default", gateway: null });
    const local = g("127.0.0.1", 18790, null);
    expect(await chooseGateway({ interactive: false, discover: found(local) })).toEqual({ url: local.url, source: "found", gateway: local });
  });

  it("will not pick an advertised gateway, or one of several, without a person choosing", async () => {
    await expect(chooseGateway({ interactive: false, discover: found(g("192.0.2.8", 18789, "lab")) })).rejects.toMatchObject({
      message: "one gateway found, on another host: 192.0.2.8:18789 (lab); pass --gateway URL",
      exitCode: 2,
    });
    await expect(chooseGateway({ interactive: false, discover: found(g("127.0.0.1", 18789, null), g("192.0.2.8", 18789, "lab")) })).rejects.toThrow(
      "several gateways found: 127.0.0.1:18789, 192.0.2.8:18789 (lab); pass --gateway URL",
    );
  });

  it("asks on a terminal with a numbered list, again after a wrong answer", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = "";
    output.on("data", (chunk: Buffer) => (shown += chunk.toString()));
    const choice = chooseGateway({ interactive: true, input, output, discover: found(g("127.0.0.1", 18789, null), g("192.0.2.8", 18789, "lab")) });
    input.write("7\n");
    await new Promise((resolve) => setTimeout(resolve, 50));
    input.write("2\n");
    expect(await choice).toMatchObject({ url: "http://192.0.2.8:18789", source: "chosen" });
    expect(shown).toContain("  1) 127.0.0.1:18789  healthy, 1 ms  [loopback]\n  2) 192.0.2.8:18789 (lab)  healthy, 1 ms  [mdns]\n");
    expect(shown).toContain("Answer a number from 1 to 2.");
  });

  it("gives up when the terminal closes without an answer", async () => {
    const input = new PassThrough();
    const choice = chooseGateway({ interactive: true, input, output: new PassThrough(), discover: found(g("192.0.2.8", 18789, "a"), g("192.0.2.9", 18789, "b")) });
    input.end();
    await expect(choice).rejects.toThrow(/several gateways found: .*; pass --gateway URL/);
  });
});
