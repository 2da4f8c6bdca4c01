import { toErrorResponse } from "@/lib/api/errors";
import { publicOrigin } from "@/lib/auth/request";
import { agentBuild } from "@/lib/server/agent-dist/build";
import { installScript } from "@/lib/server/agent-dist/install-script";

export const dynamic = "force-dynamic";

// GET /install.sh – the agent's installer, pointing at this server (curl -fsSL …/install.sh | sh -s -- --code …)
export async function GET(req: Request): Promise<Response> {
  try {
    const script = installScript(publicOrigin(req), await agentBuild());
    return new Response(script, { headers: { "Content-Type": "text/x-shellscript; charset=utf-8", "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
