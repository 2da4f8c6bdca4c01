import type * as ChildProcesses from "node:child_process";
import path from "node:path";
import { nodeRequire } from "./builtin";
import { pluginBundle, writePluginBundle } from "./plugin-bundle";
import { PLUGIN_ID } from "./policy-map";
import { printable } from "./text";

const INSTALL_TIMEOUT_MS = 180_000;

export type InstallResult = { ok: true; version: string } | { ok: false; message: string };

/**
 * Installs the clawfleet plugin the agent carries into the local gateway and enables it:
 * `openclaw plugins install <dir> --force --accept-capabilities`, then
 * `openclaw plugins enable clawfleet`. The files go to openclaw-plugin/ next to the agent's config.
 */
export async function installGatewayPlugin(options: { configPath: string; bin?: string; env?: NodeJS.ProcessEnv }): Promise<InstallResult> {
  const env = options.env ?? process.env;
  const bin = options.bin ?? (env.OPENCLAW_BIN || "openclaw");
  const bundle = await pluginBundle();
  const dir = path.join(path.dirname(options.configPath), "openclaw-plugin");
  await writePluginBundle(bundle, dir);
  // --force: a local source; --accept-capabilities: the plugin registers a trusted tool policy.
  const installed = await openclaw(bin, ["plugins", "install", dir, "--force", "--accept-capabilities"], env);
  if (!installed.ok) return { ok: false, message: `openclaw plugins install failed: ${installed.message}` };
  const enabled = await openclaw(bin, ["plugins", "enable", PLUGIN_ID], env);
  if (!enabled.ok) return { ok: false, message: `openclaw plugins enable failed: ${enabled.message}` };
  return { ok: true, version: bundle.version };
}

function openclaw(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ok: true } | { ok: false; message: string }> {
  const { execFile } = nodeRequire("node:child_process") as typeof ChildProcesses;
  return new Promise((resolve) => {
    execFile(bin, args, { env, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true });
      if (error.code === "ENOENT") return resolve({ ok: false, message: `${bin} not found (install openclaw or set OPENCLAW_BIN)` });
      const tail = (stderr.trim() || stdout.trim()).split("\n").slice(-3).join(" ");
      resolve({ ok: false, message: printable(tail || error.message, 300) });
    }).stdin?.end();
  });
}
