import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeCommand } from "@/cli/src/command-exec";

let dir: string;
let bin: string;
let argvLog: string;

// A stand-in for the openclaw CLI: appends its arguments (one JSON array per line) to a file.
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clawfleet-exec-"));
  bin = path.join(dir, "openclaw");
  argvLog = path.join(dir, "argv.log");
  await writeFile(
    bin,
    `#!/usr/bin/env node
const fs = require("node:fs");
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(argvLog)}, JSON.stringify(args) + "\\n");
if (args[0] === "models" && args[2] === "broken/model") { process.stderr.write("Unknown model: broken/model\\n"); process.exit(4); }
if (args[0] === "models" && args[2] === "slow/model") setTimeout(() => {}, 10000);
if (args[0] === "config") fs.appendFileSync(${JSON.stringify(argvLog)} + ".stdin", fs.readFileSync(0, "utf8") + "\\n");
`,
  );
  await chmod(bin, 0o755);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function calls(): Promise<string[][]> {
  const text = await readFile(argvLog, "utf8").catch(() => "");
  return text.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as string[]);
}

const id = "44444444-4444-4444-8444-444444444444";

describe("clawfleet command execution", () => {
  it("restart runs `openclaw gateway restart` (binary from OPENCLAW_BIN)", async () => {
    const ack = await executeCommand({ id, type: "restart", args: {} }, { env: { ...process.env, OPENCLAW_BIN: bin } });
    expect(ack).toEqual({ commandId: id, status: "done", message: "restarted" });
    expect((await calls()).at(-1)).toEqual(["gateway", "restart"]);
  });

  it("set_model runs `openclaw models set <model>`", async () => {
    const ack = await executeCommand({ id, type: "set_model", args: { model: "anthropic/claude-sonnet-4-5" } }, { bin });
    expect(ack).toEqual({ commandId: id, status: "done", message: "model set to anthropic/claude-sonnet-4-5" });
    expect((await calls()).at(-1)).toEqual(["models", "set", "anthropic/claude-sonnet-4-5"]);
  });

  it("apply_config hands the patch to `openclaw config patch --stdin`", async () => {
    const config = { logging: { level: "debug" }, agents: { defaults: { model: null } } };
    const ack = await executeCommand({ id, type: "apply_config", args: { config } }, { bin });
    expect(ack).toEqual({ commandId: id, status: "done", message: "config applied" });
    expect((await calls()).at(-1)).toEqual(["config", "patch", "--stdin"]);
    const stdin = (await readFile(`${argvLog}.stdin`, "utf8")).trim().split("\n").at(-1) ?? "";
    expect(JSON.parse(stdin)).toEqual(config);
  });

  it("acknowledges a failing command with the exit code and stderr", async () => {
    const ack = await executeCommand({ id, type: "set_model", args: { model: "broken/model" } }, { bin });
    expect(ack).toEqual({ commandId: id, status: "failed", message: "exit code 4: Unknown model: broken/model" });
  });

  it("kills a command that outlives its timeout", async () => {
    const ack = await executeCommand({ id, type: "set_model", args: { model: "slow/model" } }, { bin, timeoutMs: 300 });
    expect(ack).toMatchObject({ status: "failed", message: "timed out after 0.3 s" });
  });

  it("refuses unknown types and model refs that are not provider/model, without running anything", async () => {
    const before = (await calls()).length;
    expect(await executeCommand({ id, type: "self_destruct", args: {} }, { bin })).toEqual({ commandId: id, status: "failed", message: "unsupported command" });
    for (const config of [undefined, null, "text", ["a"]]) {
      expect(await executeCommand({ id, type: "apply_config", args: { config } }, { bin })).toMatchObject({ status: "failed", message: "invalid args.config (expected an object)" });
    }
    for (const model of [undefined, 42, "--help", "-x/y", "no-slash", "a/b; rm -rf /"]) {
      expect(await executeCommand({ id, type: "set_model", args: { model } }, { bin })).toMatchObject({ status: "failed" });
    }
    expect((await calls()).length).toBe(before);
  });

  it("says so when openclaw is not installed", async () => {
    const ack = await executeCommand({ id, type: "restart", args: {} }, { bin: path.join(dir, "missing") });
    expect(ack).toMatchObject({ status: "failed", message: expect.stringContaining("not found") });
  });
});
