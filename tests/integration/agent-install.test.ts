import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as installRoute } from "@/app/install.sh/route";
import { GET as fileRoute } from "@/app/clawfleet/[file]/route";
import { env } from "@/lib/env";

// The agent as hosts get it: one file built from cli/ (no Next.js, no React), served with its
// SHA-256 by this server together with a POSIX sh installer; and `npm pack` of cli/ installing into
// an empty prefix. The one-line install from the pairing panel, end to end: tests/e2e/install.spec.ts.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
let dir = "";
let server: Server;
let origin = "";
let tamper = false;
let savedAppUrl: string | undefined;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(root, "cli/build.mjs")], { cwd: root });
  dir = await mkdtemp(path.join(tmpdir(), "agent-install-"));
  // The real route handlers behind a plain HTTP server, as the installer fetches them with curl.
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", origin);
    const request = new Request(url, { headers: { host: url.host } });
    const file = url.pathname.replace(/^\/clawfleet\//, "");
    const answer = url.pathname === "/install.sh" ? installRoute(request) : fileRoute(request, { params: Promise.resolve({ file }) });
    void answer.then(async (r) => {
      let body = Buffer.from(await r.arrayBuffer());
      if (tamper && file === "clawfleet.mjs") body = Buffer.concat([body, Buffer.from("\n// altered in transit\n")]);
      res.writeHead(r.status, Object.fromEntries(r.headers)).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  // The installer names the server's public origin (APP_URL): here, this test's server.
  savedAppUrl = env().APP_URL;
  env().APP_URL = origin;
});

afterAll(async () => {
  env().APP_URL = savedAppUrl;
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("the agent's build and installer", () => {
  it("is one file with no Next.js or React in it, served with its SHA-256 and version", async () => {
    const manifest = JSON.parse(await readFile(path.join(root, "cli/package.json"), "utf8")) as { name: string; version: string; dependencies?: object; bin: Record<string, string> };
    expect(manifest).toMatchObject({ name: "clawfleet", bin: { clawfleet: "dist/clawfleet.mjs" } });
    expect(manifest.dependencies ?? {}).toEqual({});
    const bytes = await readFile(path.join(root, "cli/dist/clawfleet.mjs"));
    expect(bytes.toString()).not.toMatch(/from ?"(next|react)[/"]/);
    const latest = (await (await fileRoute(new Request(`${origin}/clawfleet/latest.json`), { params: Promise.resolve({ file: "latest.json" }) })).json()) as Record<string, unknown>;
    expect(latest).toEqual({ version: manifest.version, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length, url: `${origin}/clawfleet/clawfleet.mjs` });
    const sum = await (await fetch(`${origin}/clawfleet/clawfleet.mjs.sha256`)).text();
    expect(sum).toBe(`${latest.sha256}  clawfleet.mjs\n`);
    expect((await fetch(`${origin}/clawfleet/other.js`)).status).toBe(404);
  });

  it("serves a POSIX sh installer that names this server and the build's checksum", async () => {
    const res = await fetch(`${origin}/install.sh`);
    expect(res.headers.get("content-type")).toContain("text/x-shellscript");
    const script = await res.text();
    expect(script.startsWith("#!/bin/sh\n")).toBe(true);
    expect(script).toContain(`SERVER='${origin}'`);
    await run("sh", ["-n", "-c", script]);
    if (existsSync("/bin/dash")) await run("/bin/dash", ["-n", "-c", script]);
  });

  it("installs into an empty prefix, verified, and the command runs", async () => {
    const prefix = path.join(dir, "prefix");
    const { stdout } = await run("sh", ["-c", `curl -fsSL ${origin}/install.sh | sh -s -- --prefix "${prefix}"`]);
    expect(stdout).toContain("checksum verified");
    expect((await run(path.join(prefix, "bin/clawfleet"), ["--version"])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await run(path.join(prefix, "bin/clawfleet"), ["--help"])).stdout).toContain("Usage: clawfleet <command>");
  });

  it("refuses a download whose checksum does not match, and installs nothing", async () => {
    const prefix = path.join(dir, "tampered");
    tamper = true;
    try {
      const failed = await run("sh", ["-c", `curl -fsSL ${origin}/install.sh | sh -s -- --prefix "${prefix}"`]).then(() => null, (e: { code: number; stderr: string }) => e);
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain("checksum mismatch");
      expect(existsSync(path.join(prefix, "bin/clawfleet"))).toBe(false);
    } finally {
      tamper = false;
    }
  });

  it("npm pack of cli/ gives a tarball that installs into an empty prefix and runs", async () => {
    const packed = await run("npm", ["pack", "--json", "--pack-destination", dir], { cwd: path.join(root, "cli") });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    expect(info?.files.map((f) => f.path).sort()).toEqual(["README.md", "dist/clawfleet.mjs", "package.json"]);
    const prefix = path.join(dir, "npm-prefix");
    await run("npm", ["install", "--global", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", path.join(dir, info?.filename ?? "")]);
    expect(await readdir(path.join(prefix, "bin"))).toEqual(["clawfleet"]);
    expect((await run(path.join(prefix, "bin/clawfleet"), ["--version"])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const modules = await readdir(path.join(prefix, "lib/node_modules"));
    expect(modules).toEqual(["clawfleet"]);
  });
});
