import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** The gateway plugin the agent carries: set by the build (cli/build.mjs) from plugin/. */
declare const CLAWFLEET_PLUGIN: PluginBundle | undefined;

export type PluginBundle = { version: string; files: Record<string, string> };

const FILES = ["package.json", "openclaw.plugin.json", "dist/index.js"];

/** The plugin's files: built into the agent, or (run from the sources) read from the repository's plugin/ build. */
export async function pluginBundle(): Promise<PluginBundle> {
  if (typeof CLAWFLEET_PLUGIN === "object") return CLAWFLEET_PLUGIN;
  const dir = path.resolve(import.meta.dirname, "..", "..", "plugin");
  const files: Record<string, string> = {};
  for (const file of FILES) files[file] = await readFile(path.join(dir, file), "utf8");
  const { version } = JSON.parse(files["package.json"] ?? "{}") as { version: string };
  return { version, files };
}

/** Writes the plugin's files into `dir` (what `openclaw plugins install <dir>` copies). */
export async function writePluginBundle(bundle: PluginBundle, dir: string): Promise<void> {
  for (const [file, text] of Object.entries(bundle.files)) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await writeFile(target, text, { mode: 0o644 });
  }
}
