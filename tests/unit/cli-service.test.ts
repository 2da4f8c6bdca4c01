import { spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { writeConfig } from "@/cli/src/config";
import type { AgentConfig } from "@/cli/src/config";
import { EXIT } from "@/cli/src/errors";
import { generateAgentKeys } from "@/cli/src/keys";
import { installServiceCli, uninstallServiceCli } from "@/cli/src/service-command";
import type { ServiceHost } from "@/cli/src/service-host";
import { installService, uninstallService } from "@/cli/src/service-install";
import type { RunOutcome } from "@/cli/src/service-runner";
import type { ServiceSpec } from "@/cli/src/service-spec";
import { serviceStatus } from "@/cli/src/service-status";
import { systemdUnit } from "@/cli/src/service-unit";
import { statusCli, statusCommand } from "@/cli/src/status-command";
import { NODE_FLAGS } from "@/cli/src/v8-flags";

// Every file goes under a temporary root and every systemctl/launchctl call to a recording runner;
// the written files are checked by the real validators: systemd-analyze verify and python3's plistlib.

let dir: string;
let root: string;
let home: string;
let configPath: string;
let script: string;
let calls: { argv: string[]; fileExisted: boolean | null }[];
let answer: (file: string, args: readonly string[]) => Partial<RunOutcome>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clawfleet-service-"));
  root = path.join(dir, "root");
  home = path.join(dir, "home", "alice");
  configPath = path.join(home, ".config", "clawfleet", "agent.json");
  await writeConfig(configPath, sampleConfig(), false);
  // A user-prefix install: bin/clawfleet is a symlink into lib/node_modules.
  const real = path.join(dir, "prefix", "lib", "node_modules", "clawfleet", "dist", "clawfleet.mjs");
  await mkdir(path.dirname(real), { recursive: true });
  await writeFile(real, "// agent\n");
  script = path.join(dir, "prefix", "bin", "clawfleet");
  await mkdir(path.dirname(script), { recursive: true });
  await symlink(real, script);
  calls = [];
  answer = () => ({});
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

function sampleConfig(): AgentConfig {
  return {
    url: "http://127.0.0.1:3000",
    agentId: "11111111-1111-4111-8111-111111111111",
    fleetId: "22222222-2222-4222-8222-222222222222",
    audience: "clawfleet",
    heartbeatIntervalS: 30,
    gatewayUrl: "http://127.0.0.1:9",
    ...generateAgentKeys(),
    pairedAt: new Date().toISOString(),
    seq: 0,
    policyVersion: 0,
    pendingAcks: [],
    recentCommands: [],
  };
}

/** The machine as the service commands see it; `watch` is the file whose presence each call records. */
function host(overrides: Partial<ServiceHost> = {}, watch?: () => string): ServiceHost {
  return {
    platform: "linux",
    env: { PATH: "/usr/bin:/bin" },
    uid: process.getuid?.() ?? 1000,
    user: "alice",
    home,
    execPath: process.execPath,
    script,
    homeOf: async (user) => (user === "alice" ? home : null),
    runner: async (file, args) => {
      calls.push({ argv: [file, ...args], fileExisted: watch ? existsSync(watch()) : null });
      return { code: 0, stdout: "", stderr: "", missing: false, ...answer(file, args) };
    },
    ...overrides,
  };
}

async function owner(): Promise<number> {
  return (await stat(configPath)).uid;
}

/** As under `sudo clawfleet install-service --system` run by alice. */
async function sudoHost(platform: NodeJS.Platform = "linux"): Promise<ServiceHost> {
  return host({ platform, uid: 0, user: "root", home: "/root", env: { PATH: "/usr/bin:/bin", SUDO_USER: "alice", SUDO_UID: String(await owner()) } });
}

/** Fails (never skips) when systemd-analyze is missing; fails on anything it says about our unit. */
async function verifyUnit(file: string, mode: "user" | "system"): Promise<void> {
  const runtime = await mkdtemp(path.join(dir, "run-"));
  const args = mode === "user" ? ["--user", "verify", file] : ["verify", file];
  const result = spawnSync("systemd-analyze", args, { encoding: "utf8", env: { ...process.env, XDG_RUNTIME_DIR: runtime } });
  if (result.error) throw new Error(`systemd-analyze could not run (${result.error.message}): install it with apt-get install -y systemd`);
  const output = `${result.stdout}${result.stderr}`;
  expect(output.split("\n").filter((line) => /clawfleet/i.test(line)), output).toEqual([]);
  expect(result.status, output).toBe(0);
}

function parsePlist(file: string): Record<string, unknown> {
  const code = "import plistlib,sys,json; print(json.dumps(plistlib.load(open(sys.argv[1],'rb'))))";
  const result = spawnSync("python3", ["-c", code, file], { encoding: "utf8" });
  if (result.error) throw new Error(`python3 could not run (${result.error.message}): install python3 to check the plist`);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

const argvs = () => calls.map((call) => call.argv);
const realScript = () => path.join(dir, "prefix", "lib", "node_modules", "clawfleet", "dist", "clawfleet.mjs");
const userUnit = () => path.join(root, home, ".config", "systemd", "user", "clawfleet.service");
const systemUnit = () => path.join(root, "etc", "systemd", "system", "clawfleet.service");

describe("clawfleet install-service on Linux", () => {
  it("writes a user unit that systemd-analyze verify accepts, then reloads and enables it", async () => {
    const result = await installService({ scope: "user", root, host: host(), manage: true, configPath });
    expect(result).toMatchObject({ manager: "systemd", name: "clawfleet.service", file: userUnit(), enabled: true, error: null, user: null });
    const unit = await readFile(userUnit(), "utf8");
    expect(unit).toContain(`ExecStart=${process.execPath} ${NODE_FLAGS.join(" ")} ${realScript()} run --config ${configPath}\n`);
    const servicePath = /^Environment=PATH=(.*)$/m.exec(unit)?.[1]?.split(":");
    expect(servicePath?.slice(0, 2)).toEqual([path.dirname(process.execPath), path.dirname(script)]);
    expect(servicePath).toEqual(expect.arrayContaining(["/usr/bin", "/bin", "/usr/local/bin"]));
    for (const line of ["Restart=always", "RestartSec=10", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=read-only"]) {
      expect(unit).toContain(`\n${line}\n`);
    }
    // A private /tmp would hide a config kept there, as the temporary one here may be.
    expect(unit.includes("\nPrivateTmp=yes\n")).toBe(!/^\/(var\/)?tmp\//.test(configPath));
    expect(unit).toContain(`\nReadWritePaths=${path.dirname(configPath)}\nReadWritePaths=-${home}/.openclaw\n`);
    expect(unit).toContain("\nWantedBy=default.target\n");
    expect(unit).not.toMatch(/^User=|openclaw-gateway|network-online/m);
    expect((await stat(userUnit())).mode & 0o777).toBe(0o644);
    expect(argvs()).toEqual([
      ["systemctl", "--user", "daemon-reload"],
      ["systemctl", "--user", "enable", "--now", "clawfleet.service"],
    ]);
    await verifyUnit(userUnit(), "user");
  });

  it("writes a system unit run as the sudo user, with the config found in that user's home", async () => {
    const result = await installService({ scope: "system", root, host: await sudoHost(), manage: true });
    expect(result).toMatchObject({ file: systemUnit(), configPath, user: "alice", enabled: true });
    const unit = await readFile(systemUnit(), "utf8");
    expect(unit).toContain("\nUser=alice\n");
    expect(unit).toContain("\nWantedBy=multi-user.target\n");
    expect(unit).toContain("\nAfter=network-online.target\n");
    expect(unit).toContain("\nProtectKernelTunables=yes\n");
    expect(existsSync(userUnit())).toBe(false);
    expect(argvs()).toEqual([
      ["systemctl", "daemon-reload"],
      ["systemctl", "enable", "--now", "clawfleet.service"],
    ]);
    await verifyUnit(systemUnit(), "system");
  });

  it("keeps /tmp private for a config in the home directory, in units that verify", async () => {
    for (const scope of ["user", "system"] as const) {
      const spec: ServiceSpec = {
        platform: "linux",
        scope,
        argv: [process.execPath, "/home/alice/.local/lib/node_modules/clawfleet/dist/clawfleet.mjs", "run", "--config", "/home/alice/.config/clawfleet/agent.json"],
        configPath: "/home/alice/.config/clawfleet/agent.json",
        user: scope === "system" ? "alice" : null,
        env: { PATH: "/home/alice/.local/bin:/usr/bin:/bin" },
        writable: ["/home/alice/.config/clawfleet"],
        optionalWritable: ["/home/alice/.openclaw"],
        logFiles: { out: "/home/alice/.config/clawfleet/service.log", err: "/home/alice/.config/clawfleet/service.err.log" },
      };
      const file = path.join(dir, scope, "clawfleet.service");
      await mkdir(path.dirname(file));
      await writeFile(file, systemdUnit(spec));
      expect(await readFile(file, "utf8")).toContain("\nPrivateTmp=yes\nProtectSystem=strict\nProtectHome=read-only\nReadWritePaths=/home/alice/.config/clawfleet\n");
      await verifyUnit(file, scope);
    }
  });

  it("quotes paths with spaces, %, $ and quotes so that systemd reads them back as written", async () => {
    // systemd-analyze checks that ExecStart's binary exists: a wrongly quoted path would not.
    const odd = path.join(dir, "node dir %n $HOME");
    await mkdir(odd);
    await symlink(process.execPath, path.join(odd, "node"));
    const oddConfig = path.join(dir, `conf 100% $HOME 'q' "d"`, "agent.json");
    await writeConfig(oddConfig, sampleConfig(), false);
    await installService({ scope: "system", root, host: host({ execPath: path.join(odd, "node") }), manage: false, configPath: oddConfig });
    const unit = await readFile(systemUnit(), "utf8");
    const escapedConfig = oddConfig.replace(/%/g, "%%").replace(/\$/g, "$$$$").replace(/"/g, '\\"');
    expect(unit).toContain(`\nExecStart="${odd.replace(/%/g, "%%")}/node" ${NODE_FLAGS.join(" ")} ${realScript()} run --config "${escapedConfig}"\n`);
    expect(unit).toContain(`\nReadWritePaths="${path.dirname(oddConfig).replace(/%/g, "%%").replace(/"/g, '\\"')}"\n`);
    expect(calls).toEqual([]);
    await verifyUnit(systemUnit(), "system");
  });

  it("refuses a Node path that systemd would never start", async () => {
    const quoted = path.join(dir, "it's", "node");
    await expect(installService({ scope: "user", root, host: host({ execPath: quoted }), manage: true, configPath })).rejects.toThrow(/quote or backslash/);
    expect(existsSync(userUnit())).toBe(false);
  });

  it("restarts a running unit whose file changed, and only then", async () => {
    await installService({ scope: "user", root, host: host(), manage: true, configPath });
    await installService({ scope: "user", root, host: host(), manage: true, configPath });
    expect(argvs().filter((argv) => argv.includes("restart"))).toEqual([]);
    await installService({ scope: "user", root, host: host({ env: { PATH: "/opt/x/bin" } }), manage: true, configPath });
    expect(argvs().at(-1)).toEqual(["systemctl", "--user", "restart", "clawfleet.service"]);
  });

  it("passes OPENCLAW_BIN on and warns about lingering and a missing openclaw", async () => {
    const bin = path.join(dir, "openclaw");
    await writeFile(bin, "#!/bin/sh\n");
    await chmod(bin, 0o755);
    const found = await installService({ scope: "user", root, host: host({ env: { PATH: "/usr/bin", OPENCLAW_BIN: bin } }), manage: true, configPath });
    expect(await readFile(userUnit(), "utf8")).toContain(`\nEnvironment=OPENCLAW_BIN=${bin}\n`);
    expect(found.warnings).toEqual([expect.stringContaining("loginctl enable-linger alice")]);
    await mkdir(path.join(root, "var", "lib", "systemd", "linger"), { recursive: true });
    await writeFile(path.join(root, "var", "lib", "systemd", "linger", "alice"), "");
    const gone = path.join(dir, "no-such-openclaw");
    const missing = await installService({ scope: "user", root, host: host({ env: { OPENCLAW_BIN: gone } }), manage: true, configPath });
    expect(missing.warnings).toEqual([expect.stringContaining("openclaw is not on the service's PATH")]);
  });

  it("refuses an unpaired host and a config that the service user does not own, writing nothing", async () => {
    const none = path.join(dir, "none", "agent.json");
    await expect(installService({ scope: "user", root, host: host(), manage: true, configPath: none })).rejects.toThrow(/not paired/);
    const other = host({ uid: 0, env: { SUDO_USER: "alice", SUDO_UID: String((await owner()) + 1) } });
    await expect(installService({ scope: "system", root, host: other, manage: true })).rejects.toThrow(/belongs to uid \d+, but the service would run as alice/);
    expect(existsSync(root)).toBe(false);
    expect(calls).toEqual([]);
  });
});

describe("clawfleet install-service on macOS", () => {
  it("writes a LaunchAgent plist that plistlib parses, escaping XML, and bootstraps it in gui/<uid>", async () => {
    const oddConfig = path.join(home, `a&b <c> 'd' "e"`, "agent.json");
    await writeConfig(oddConfig, sampleConfig(), false);
    answer = (_file, args) => (args[0] === "print" ? { code: 113, stderr: "Could not find service" } : {});
    const h = host({ platform: "darwin" });
    const result = await installService({ scope: "user", root, host: h, manage: true, configPath: oddConfig });
    const file = path.join(root, home, "Library", "LaunchAgents", "ai.clawfleet.agent.plist");
    expect(result).toMatchObject({ manager: "launchd", name: "ai.clawfleet.agent", file, enabled: true });
    const plist = parsePlist(file);
    expect(plist).toMatchObject({
      Label: "ai.clawfleet.agent",
      ProgramArguments: [process.execPath, ...NODE_FLAGS, realScript(), "run", "--config", oddConfig],
      RunAtLoad: true,
      KeepAlive: true,
      StandardOutPath: path.join(path.dirname(oddConfig), "service.log"),
      StandardErrorPath: path.join(path.dirname(oddConfig), "service.err.log"),
    });
    expect(plist.UserName).toBeUndefined();
    expect((plist.EnvironmentVariables as Record<string, string>).PATH).toContain("/opt/homebrew/bin");
    expect(argvs()).toEqual([
      ["launchctl", "print", `gui/${h.uid}/ai.clawfleet.agent`],
      ["launchctl", "enable", `gui/${h.uid}/ai.clawfleet.agent`],
      ["launchctl", "bootstrap", `gui/${h.uid}`, file],
    ]);
  });

  it("writes a LaunchDaemon with UserName for --system and boots out a loaded one first", async () => {
    const result = await installService({ scope: "system", root, host: await sudoHost("darwin"), manage: true });
    const file = path.join(root, "Library", "LaunchDaemons", "ai.clawfleet.agent.plist");
    expect(result.file).toBe(file);
    expect(parsePlist(file)).toMatchObject({ Label: "ai.clawfleet.agent", UserName: "alice" });
    expect(argvs()).toEqual([
      ["launchctl", "print", "system/ai.clawfleet.agent"],
      ["launchctl", "bootout", "system/ai.clawfleet.agent"],
      ["launchctl", "enable", "system/ai.clawfleet.agent"],
      ["launchctl", "bootstrap", "system", file],
    ]);
  });
});

describe("clawfleet install-service when the service manager fails", () => {
  it("keeps the unit, exits 4 and says so in one sentence when systemctl is missing", async () => {
    answer = () => ({ code: null, missing: true });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = await installServiceCli(["--root", root, "--config", configPath], host({ env: { PATH: "/usr/bin", OPENCLAW_BIN: "/bin/sh" } }));
    expect(code).toBe(EXIT.serviceManager);
    expect(code).toBe(4);
    expect(existsSync(userUnit())).toBe(true);
    const written = stderr.mock.calls.map(([text]) => String(text)).filter((text) => !text.startsWith("warning:"));
    expect(written).toEqual([`clawfleet: wrote ${userUnit()}, but clawfleet.service is not running: systemctl was not found (is systemd running on this host?)\n`]);
  });

  it("reports the failing systemctl call and its message, as JSON too", async () => {
    answer = (_file, args) => (args.includes("enable") ? { code: 1, stderr: "System has not been booted with systemd as init system (PID 1). Can't operate.\n" } : {});
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const code = await installServiceCli(["--json", "--root", root, "--config", configPath], host());
    expect(code).toBe(4);
    const body = JSON.parse(String(stdout.mock.calls[0]?.[0])) as { enabled: boolean; error: string };
    expect(body.enabled).toBe(false);
    expect(body.error).toBe(
      `wrote ${userUnit()}, but clawfleet.service is not running: \`systemctl --user enable --now clawfleet.service\` failed (exit 1: System has not been booted with systemd as init system (PID 1). Can't operate.)`,
    );
  });

  it("treats --user with --system as a usage error", async () => {
    await expect(installServiceCli(["--user", "--system", "--root", root], host())).rejects.toMatchObject({ exitCode: EXIT.usage });
  });
});

describe("clawfleet uninstall-service", () => {
  it("disables and stops the unit, removes it, then reloads systemd, in that order", async () => {
    await installService({ scope: "user", root, host: host(), manage: false, configPath });
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(await uninstallServiceCli(["--root", root], host({}, userUnit))).toBe(EXIT.ok);
    expect(existsSync(userUnit())).toBe(false);
    expect(calls).toEqual([
      { argv: ["systemctl", "--user", "disable", "--now", "clawfleet.service"], fileExisted: true },
      { argv: ["systemctl", "--user", "daemon-reload"], fileExisted: false },
    ]);
  });

  it("with --file-only writes and removes the file without calling the service manager", async () => {
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await installServiceCli(["--file-only", "--root", root, "--config", configPath], host())).toBe(EXIT.ok);
    expect(existsSync(userUnit())).toBe(true);
    expect(await uninstallServiceCli(["--file-only", "--root", root], host())).toBe(EXIT.ok);
    expect(existsSync(userUnit())).toBe(false);
    expect(calls).toEqual([]);
  });

  it("boots out a loaded launchd job before removing its plist", async () => {
    const h = await sudoHost("darwin");
    await installService({ scope: "system", root, host: h, manage: false });
    const file = path.join(root, "Library", "LaunchDaemons", "ai.clawfleet.agent.plist");
    const result = await uninstallService({ scope: "system", root, host: { ...h, runner: host({ platform: "darwin" }, () => file).runner }, manage: true });
    expect(result).toMatchObject({ removed: true, error: null, file });
    expect(calls).toEqual([
      { argv: ["launchctl", "print", "system/ai.clawfleet.agent"], fileExisted: true },
      { argv: ["launchctl", "bootout", "system/ai.clawfleet.agent"], fileExisted: true },
    ]);
    expect(existsSync(file)).toBe(false);
  });

  it("still removes the unit but exits 4 when systemctl is missing, and is a no-op when nothing is installed", async () => {
    await installService({ scope: "system", root, host: host(), manage: false, configPath });
    answer = () => ({ code: null, missing: true });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await uninstallServiceCli(["--system", "--root", root], host())).toBe(4);
    expect(existsSync(systemUnit())).toBe(false);
    expect(String(stderr.mock.calls[0]?.[0])).toBe(`clawfleet: removed ${systemUnit()}, but clawfleet.service may still be running: systemctl was not found (is systemd running on this host?)\n`);
    calls = [];
    const again = await uninstallService({ scope: "system", root, host: host(), manage: true });
    expect(again).toMatchObject({ removed: false, error: null });
    expect(calls).toEqual([]);
  });
});

describe("clawfleet status: the service", () => {
  it("reports not installed, then the installed file and what systemctl is-active says", async () => {
    expect(await serviceStatus({ host: host(), root })).toEqual({ installed: false, manager: "systemd", scope: null, file: null, running: false, state: "not installed" });
    await installService({ scope: "user", root, host: host(), manage: false, configPath });
    answer = () => ({ code: 0, stdout: "active\n" });
    const status = await statusCommand({ configPath, service: { host: host(), root } });
    expect(status.service).toEqual({ installed: true, manager: "systemd", scope: "user", file: userUnit(), running: true, state: "active" });
    expect(argvs()).toEqual([["systemctl", "--user", "is-active", "clawfleet.service"]]);
    answer = () => ({ code: 3, stdout: "inactive\n" });
    expect(await serviceStatus({ host: host(), root })).toMatchObject({ running: false, state: "inactive" });
    answer = () => ({ code: 1, stderr: "Failed to connect to bus: No medium found" });
    expect(await serviceStatus({ host: host(), root })).toMatchObject({ installed: true, running: null, state: expect.stringContaining("No medium found") });
  });

  it("reads launchctl print on macOS", async () => {
    await installService({ scope: "user", root, host: host({ platform: "darwin" }), manage: false, configPath });
    answer = () => ({ code: 0, stdout: "gui/501/ai.clawfleet.agent = {\n\tactive count = 1\n\tstate = running\n}\n" });
    expect(await serviceStatus({ host: host({ platform: "darwin" }), root })).toMatchObject({ installed: true, manager: "launchd", running: true, state: "running" });
  });

  it("prints a Service line, and the field in JSON", async () => {
    vi.stubEnv("CLAWFLEET_SERVICE_ROOT", root);
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(await statusCli(["--config", configPath])).toBe(EXIT.ok);
    expect(String(stdout.mock.calls[0]?.[0])).toMatch(/\nService: +not installed \(clawfleet install-service sets one up\)\n/);
    expect(await statusCli(["--config", configPath, "--json"])).toBe(EXIT.ok);
    const body = JSON.parse(String(stdout.mock.calls[1]?.[0])) as { service: { installed: boolean } };
    expect(body.service.installed).toBe(false);
  });
});
