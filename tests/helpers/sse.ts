import { ORIGIN } from "./api";

export type SseEvent = { id?: string; event: string; data: Record<string, unknown> };

/** Opens GET /api/stream through its real route handler and parses the events as a browser would. */
export async function openStream(cookie: string, headers: Record<string, string> = {}) {
  const { GET } = (await import("@/app/api/stream/route")) as { GET: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> };
  const abort = new AbortController();
  const req = new Request(`${ORIGIN}/api/stream`, { headers: { cookie, "x-forwarded-for": "10.9.9.9", ...headers }, signal: abort.signal });
  const res = await GET(req, { params: Promise.resolve({}) });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let buffer = "";
  const reader = res.body?.getReader();
  const pump = (async () => {
    const decoder = new TextDecoder();
    while (reader) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done || !value) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const fields: Record<string, string> = {};
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) comments.push(line.slice(1).trim());
          const m = /^(\w+): ?(.*)$/.exec(line);
          if (m?.[1] && m[2] !== undefined) fields[m[1]] = m[2];
        }
        if (fields.data !== undefined) events.push({ id: fields.id, event: fields.event ?? "message", data: JSON.parse(fields.data) as Record<string, unknown> });
      }
    }
  })();
  return {
    res,
    events,
    comments,
    close: async () => {
      abort.abort();
      await reader?.cancel().catch(() => {});
      await pump;
    },
  };
}
