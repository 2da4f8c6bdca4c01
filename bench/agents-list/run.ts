// bench/agents-list: 10,000 agents in one team; response times of GET /api/agents for the first page,
// a page reached by cursor deep in the list, and the status, region and text filters.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { readFileSync } from "node:fs";
import { percentile, startServer, stopServer } from "../lib/server";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const AGENTS = arg("agents", 10_000);
const SAMPLES = arg("samples", 50);

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-agents-"));
  const server = await startServer(arg("port", 3420), { DATA_DIR: dataDir, RATE_LIMIT_API_PER_MINUTE: "1000000" });
  try {
    const origin = { "content-type": "application/json", origin: server.url };
    const signup = await fetch(`${server.url}/api/auth/signup`, { method: "POST", headers: origin, body: JSON.stringify({ email: `list-${Date.now()}@example.test`, password: "benchmark password 1" }) });
    const cookie = signup.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const { team } = (await signup.json()) as { team: { id: string } };
    const fleet = (await (await fetch(`${server.url}/api/fleets`, { method: "POST", headers: { ...origin, cookie }, body: JSON.stringify({ name: "Big fleet" }) })).json()) as { fleet: { id: string } };
    // Seeded in SQL: the API path for one agent is measured by the heartbeat bench already.
    const pid = readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n");
    const sql = postgres(`postgres://postgres:${encodeURIComponent(readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim())}@127.0.0.1:${pid[3]}/postgres`, { max: 1 });
    await sql`
      insert into agents (team_id, fleet_id, name, region, tags, status, hostname, created_at)
      select ${team.id}, ${fleet.fleet.id}, 'agent-' || i, (array['us-east','eu-west','ap-south','sa-east'])[1 + i % 4],
        array['tier-' || (i % 3)], (array['online','online','online','degraded','stale','offline'])[1 + i % 6]::agent_status,
        'host-' || i, now() - make_interval(secs => i)
      from generate_series(1, ${AGENTS}) as i`;
    await sql`analyze agents`;
    await sql.end();

    const time = async (query: string) => {
      const ms: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t = performance.now();
        const res = await fetch(`${server.url}/api/agents${query}`, { headers: { cookie } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${query}: ${res.status}`);
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      return { p50: +percentile(ms, 50).toFixed(1), p95: +percentile(ms, 95).toFixed(1) };
    };
    let cursor = "";
    for (let page = 0; page < 100; page++) {
      const body = (await (await fetch(`${server.url}/api/agents?limit=50${cursor ? `&cursor=${cursor}` : ""}`, { headers: { cookie } })).json()) as { nextCursor: string };
      cursor = body.nextCursor;
    }
    const results = {
      agents: AGENTS,
      firstPage: await time("?limit=50"),
      page101ByCursor: await time(`?limit=50&cursor=${cursor}`),
      byStatus: await time("?limit=50&status=stale"),
      byRegionAndStatus: await time("?limit=50&region=eu-west&status=offline"),
      textSearch: await time("?limit=50&q=agent-99"),
    };
    console.log(JSON.stringify(results));
  } finally {
    await stopServer(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
