import type * as Http from "node:http";
import type * as Https from "node:https";
import { nodeRequire } from "./builtin";

const http = nodeRequire("node:http") as typeof Http;

type RequestFn = (url: URL, options: Http.RequestOptions, callback?: (res: Http.IncomingMessage) => void) => Http.ClientRequest;

/** node:http's or node:https's request function, for a URL's protocol (TLS costs about 3 MB resident). */
export function requestModule(protocol: string): { request: RequestFn } {
  return protocol === "https:" ? (nodeRequire("node:https") as typeof Https) : http;
}

export type MiniInit = { method?: string; headers?: Record<string, string>; body?: string; redirect?: "error" | "manual"; signal?: AbortSignal };
export type MiniResponse = { status: number; ok: boolean; headers: { get(name: string): string | null }; text(): Promise<string> };
/** The part of fetch the agent uses; the global fetch fits it (tests pass one in). */
export type MiniFetch = (url: string, init: MiniInit) => Promise<MiniResponse>;

const MAX_BODY = 4 * 1024 * 1024;

/**
 * A small request function on node:http(s) for the agent's few JSON requests. Node's global fetch
 * loads undici, about 10 MB of resident memory for an agent that lives next to every gateway; this
 * keeps fetch's failure shapes (a TypeError whose cause carries the system's code, TimeoutError on
 * time-out, "unexpected redirect" with redirect: "error") so callers read errors the same way.
 */
export const lightFetch: MiniFetch = (url, init) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = requestModule(target.protocol);
    const fail = (cause: unknown) => reject(new TypeError("request failed", { cause }));
    const req = client.request(target, { method: init.method ?? "GET", headers: init.headers, signal: init.signal }, (res) => {
      const status = res.statusCode ?? 0;
      if (init.redirect === "error" && status >= 300 && status < 400) {
        res.resume();
        fail(new Error("unexpected redirect"));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) req.destroy(new Error("response too large"));
        else chunks.push(chunk);
      });
      res.on("error", fail);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status,
          ok: status >= 200 && status < 300,
          headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
          text: () => Promise.resolve(text),
        });
      });
    });
    req.on("error", (error) => (error.name === "AbortError" && init.signal?.reason instanceof Error ? reject(init.signal.reason) : fail(error)));
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
