import { createServer, type Server } from "node:http";

/** `authorizations`: the Authorization header of every chat completion, in order (the provider key the gateway used). */
export type StandIn = { url: string; requests: number; authorizations: string[]; close: () => Promise<void> };
export type StandInUsage = { promptTokens: number; completionTokens: number; cachedTokens?: number };

/**
 * A stand-in for an OpenAI-compatible model provider (POST /v1/chat/completions, streamed or not):
 * it checks the request is a chat completion for a known model and answers with fixed token
 * counts, so real agent turns through a real OpenClaw gateway produce known usage, with no internet.
 */
export async function startOpenAiStandIn(models: string[], usage: StandInUsage): Promise<StandIn> {
  const state = { requests: 0, authorizations: [] as string[] };
  const server: Server = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => {
      if (req.method === "GET" && req.url?.endsWith("/models")) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: models.map((id) => ({ id, object: "model" })) }));
        return;
      }
      let body: { model?: string; stream?: boolean; messages?: unknown[] };
      try {
        body = JSON.parse(data) as typeof body;
      } catch {
        res.writeHead(400, { "content-type": "application/json" }).end('{"error":{"message":"invalid JSON"}}');
        return;
      }
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions") || !models.includes(body.model ?? "") || !Array.isArray(body.messages)) {
        res.writeHead(400, { "content-type": "application/json" }).end('{"error":{"message":"not a chat completion for a known model"}}');
        return;
      }
      state.requests++;
      state.authorizations.push(req.headers.authorization ?? "");
      const counts = {
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        total_tokens: usage.promptTokens + usage.completionTokens,
        prompt_tokens_details: { cached_tokens: usage.cachedTokens ?? 0 },
      };
      const id = `chatcmpl-${state.requests}`;
      const text = "Done.";
      if (body.stream) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        const send = (o: unknown) => res.write(`data: ${JSON.stringify(o)}\n\n`);
        send({ id, object: "chat.completion.chunk", created: 0, model: body.model, choices: [{ index: 0, delta: { role: "assistant", content: text }, finish_reason: null }] });
        send({ id, object: "chat.completion.chunk", created: 0, model: body.model, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
        send({ id, object: "chat.completion.chunk", created: 0, model: body.model, choices: [], usage: counts });
        res.end("data: [DONE]\n\n");
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({
          id, object: "chat.completion", created: 0, model: body.model,
          choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }], usage: counts,
        }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/v1`,
    get requests() {
      return state.requests;
    },
    authorizations: state.authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
