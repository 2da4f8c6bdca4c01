import { notFound, toErrorResponse } from "@/lib/api/errors";
import { json } from "@/lib/api/respond";
import { publicOrigin } from "@/lib/auth/request";
import { agentBuild } from "@/lib/server/agent-dist/build";

export const dynamic = "force-dynamic";

// GET /clawfleet/clawfleet.mjs | clawfleet.mjs.sha256 | latest.json – the agent's one-file build, its checksum, its version
export async function GET(req: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  try {
    const { file } = await params;
    const build = await agentBuild();
    const headers = { "Cache-Control": "no-cache", ETag: `"${build.sha256}"` };
    if (file === "clawfleet.mjs") return new Response(new Uint8Array(build.bytes), { headers: { ...headers, "Content-Type": "text/javascript; charset=utf-8" } });
    if (file === "clawfleet.mjs.sha256") return new Response(`${build.sha256}  clawfleet.mjs\n`, { headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
    if (file === "latest.json") return json({ version: build.version, sha256: build.sha256, size: build.size, url: `${publicOrigin(req)}/clawfleet/clawfleet.mjs` }, 200, headers);
    throw notFound("File");
  } catch (error) {
    return toErrorResponse(error);
  }
}
