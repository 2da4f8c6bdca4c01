import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadGatewayDevice } from "../../cli/src/gateway-device";
import { GatewayRpc } from "../../cli/src/gateway-rpc";

/** The local model stand-in as an OpenAI-compatible provider of openclaw.json (priced $3 / $15 per million tokens). */
export const standinProvider = (baseUrl: string, apiKey: unknown) => ({
  baseUrl,
  apiKey,
  api: "openai-completions",
  models: [{ id: "standin-model", name: "Stand-in", reasoning: false, input: ["text"], cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }, contextWindow: 128000, maxTokens: 4096 }],
});

export type ScratchGateway = { openclaw: string; wrapper: string; url: string; process: ChildProcess; rpc: GatewayRpc; stop: () => Promise<void> };

/** Sends SIGTERM to a child a test started and waits for it (SIGKILL after 10 s). */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Only the scratch HOME: none of the runner's OpenClaw settings, and no Vitest variables (under them openclaw changes behaviour). */
export function scratchEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key.startsWith("OPENCLAW_")) delete env[key];
  return { ...env, ...extra };
}

/**
 * The real OpenClaw gateway (openclaw@2026.9.6 on Node 24, .tools/ by scripts/install-openclaw.mjs)
 * in a scratch HOME with the given openclaw.json (gateway mode, port and token auth added), an
 * `openclaw` wrapper for that HOME at `<home>/openclaw`, and an operator connection of the test's own.
 */
export async function startScratchGateway(o: { home: string; port: number; token: string; config?: Record<string, unknown> }): Promise<ScratchGateway> {
  const openclaw = execFileSync(process.execPath, ["scripts/install-openclaw.mjs"], { encoding: "utf8" }).trim();
  await mkdir(path.join(o.home, ".openclaw"), { recursive: true });
  const gatewaySection = { mode: "local", port: o.port, bind: "loopback", auth: { mode: "token", token: o.token } };
  await writeFile(path.join(o.home, ".openclaw", "openclaw.json"), JSON.stringify({ gateway: gatewaySection, ...o.config }));
  const wrapper = path.join(o.home, "openclaw");
  await writeFile(wrapper, `#!/bin/sh\nfor v in $(env | sed -n 's/^\\(VITEST[A-Z_]*\\)=.*/\\1/p'); do unset "$v"; done\nexport HOME='${o.home}'\nunset OPENCLAW_CONFIG_PATH OPENCLAW_GATEWAY_TOKEN\nexec '${openclaw}' "$@"\n`);
  await chmod(wrapper, 0o755);
  const url = `http://127.0.0.1:${o.port}`;
  const child = spawn(openclaw, ["gateway", "--port", String(o.port), "--bind", "loopback"], { env: scratchEnv(o.home), stdio: "ignore" });
  try {
    const deadline = Date.now() + 120_000;
    while (!(await fetch(`${url}/health`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error("the gateway did not come up");
      await new Promise((r) => setTimeout(r, 500));
    }
    const device = await loadGatewayDevice(path.join(o.home, "test-operator", "x.json"));
    // /health answers before the WebSocket side is ready ("gateway starting; retry shortly").
    let rpc: GatewayRpc | undefined;
    for (let attempt = 1; !rpc; attempt++) {
      rpc = await GatewayRpc.connect({ gatewayUrl: url, token: o.token, device, version: "test", scopes: ["operator.admin"], timeoutMs: 30_000 }).catch((error: unknown) => {
        if (attempt > 60) throw error;
        return new Promise<undefined>((r) => setTimeout(() => r(undefined), 1_000));
      });
    }
    const connected = rpc;
    return { openclaw, wrapper, url, process: child, rpc: connected, stop: async () => (connected.close(), await stopChild(child)) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
