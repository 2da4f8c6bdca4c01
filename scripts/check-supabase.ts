// `npm run check:supabase`: proves Supabase mode for live status against a real project. With the
// project's NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_ANON_KEY, SUPABASE_JWT_SECRET and
// DATABASE_URL (its database) set, it applies the migrations, makes two throw-away teams with one
// person each, joins the first team's private topic with a token minted as the server mints it,
// broadcasts through realtime.send in a transaction and sees it arrive (and a rolled-back one not),
// checks that the same token cannot join the other team's topic, and removes what it made.
import { randomUUID } from "node:crypto";
import { createClient, type RealtimeChannel } from "@supabase/supabase-js";
import WebSocket from "ws";
import { createPool, type Sql } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { signRealtimeToken } from "@/lib/server/realtime/mint-token";
import { assertRealtimeReady } from "@/lib/server/realtime/ready";
import { supabaseRealtime, teamTopic } from "@/lib/server/realtime/settings";

const WAIT_MS = 15_000;
const step = (text: string) => console.log(`check:supabase: ${text}`);

function waitFor<T>(what: string, register: (done: (value: T) => void, fail: (error: Error) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS / 1000} s waiting for ${what}`)), WAIT_MS);
    register(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

async function makeTeam(sql: Sql, label: string): Promise<{ userId: string; teamId: string }> {
  const [row] = await sql<{ user_id: string; team_id: string }[]>`
    with u as (insert into users (email, name, password_hash) values (${`check-supabase-${randomUUID()}@example.invalid`}, ${label}, '!') returning id),
    t as (insert into teams (name) values (${`check:supabase ${label}`}) returning id),
    m as (insert into memberships (team_id, user_id, role) select t.id, u.id, 'viewer' from t, u)
    select u.id as user_id, t.id as team_id from u, t`;
  if (!row) throw new Error("could not create the check's team");
  return { userId: row.user_id, teamId: row.team_id };
}

async function main() {
  const settings = env();
  const project = supabaseRealtime(settings);
  if (!project || !settings.DATABASE_URL) {
    throw new Error("Set NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_ANON_KEY, SUPABASE_JWT_SECRET and DATABASE_URL (the project's database)");
  }
  const sql = createPool(settings.DATABASE_URL, 2);
  let token = "";
  const client = createClient(project.url, project.anonKey, { accessToken: async () => token, realtime: { transport: WebSocket as never } });
  const made: { userId: string; teamId: string }[] = [];
  try {
    const { applied } = await migrate(sql);
    step(`migrations applied (${applied.length} new)`);
    await assertRealtimeReady(sql);
    const mine = await makeTeam(sql, "member");
    const theirs = await makeTeam(sql, "other");
    made.push(mine, theirs);
    token = (await signRealtimeToken(mine.userId, project.jwtSecret)).token;
    await client.realtime.setAuth(token);

    const heard: Record<string, unknown>[] = [];
    const channel = client.channel(teamTopic(mine.teamId), { config: { private: true } });
    channel.on("broadcast", { event: "*" }, (message: { payload?: Record<string, unknown> }) => heard.push(message.payload ?? {}));
    await subscribed(channel, "joining the team's private topic");
    step(`joined ${teamTopic(mine.teamId)} with a minted token`);

    const rolledBack = randomUUID();
    const committed = randomUUID();
    const notice = (nonce: string) => JSON.stringify({ type: "check.supabase", teamId: mine.teamId, nonce });
    await sql
      .begin(async (tx) => {
        await tx`select fleet_realtime.broadcast(${notice(rolledBack)})`;
        throw new Error("rolled back on purpose");
      })
      .catch(() => {});
    await sql.begin((tx) => tx`select fleet_realtime.broadcast(${notice(committed)})`);
    await waitFor("the committed broadcast", (done) => {
      const poll = setInterval(() => heard.some((p) => p.nonce === committed) && (clearInterval(poll), done(true)), 50);
    });
    if (heard.some((p) => p.nonce === rolledBack)) throw new Error("a rolled-back broadcast was heard");
    step("a broadcast sent with realtime.send in a committed transaction arrived; the rolled-back one did not");

    const other = client.channel(teamTopic(theirs.teamId), { config: { private: true } });
    const refused = await waitFor<boolean>("the other team's topic to answer", (done) =>
      other.subscribe((status) => status === "SUBSCRIBED" ? done(false) : status === "CHANNEL_ERROR" ? done(true) : undefined),
    );
    if (!refused) throw new Error(`a token for one team joined another team's topic (${teamTopic(theirs.teamId)})`);
    step("the same token is refused on another team's topic");
    step("ok");
  } finally {
    await client.removeAllChannels().catch(() => {});
    if (made.length > 0) {
      await sql`delete from teams where id = any(${made.map((m) => m.teamId)}::uuid[])`;
      await sql`delete from users where id = any(${made.map((m) => m.userId)}::uuid[])`;
    }
    await sql.end({ timeout: 5 });
  }
}

function subscribed(channel: RealtimeChannel, what: string): Promise<void> {
  return waitFor<void>(what, (done, fail) =>
    channel.subscribe((status, error) => {
      if (status === "SUBSCRIBED") done();
      else if (status !== "CLOSED") fail(new Error(`${what}: ${status}${error ? ` (${error.message})` : ""}`));
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`check:supabase: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
