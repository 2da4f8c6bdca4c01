import { notFound } from "@/lib/api/errors";
import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { decryptSecret, encryptSecret, maskSecret } from "@/lib/crypto/secrets";
import { db, type Sql, type Tx } from "@/lib/db/client";
import { parseChannelConfig, type Channel, type ChannelCreateInput, type ChannelType, type ChannelUpdateInput } from "@/lib/schemas/alerts";
import { audit } from "../audit/record";
import { assertRoomFor } from "../billing/limits";
import { assertMailForChannel } from "../mail/channel-check";

type ChannelRow = { id: string; name: string; type: ChannelType; config_encrypted: string; config_hint: string; created_at: Date; updated_at: Date };

const toChannel = (r: ChannelRow): Channel => ({ id: r.id, name: r.name, type: r.type, configHint: r.config_hint, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() });
export const channelAad = (id: string) => `alert_channel:${id}`;
const hintOf = (config: Record<string, string | string[]>) =>
  Array.isArray(config.addresses) ? config.addresses.join(", ").slice(0, 200) : maskSecret(String(config.url ?? config.routingKey ?? ""));

export async function getChannelRow(sql: Sql | Tx, teamId: string, id: string): Promise<ChannelRow> {
  if (!isUuid(id)) throw notFound("Channel");
  const [row] = await sql<ChannelRow[]>`select * from alert_channels where id = ${id} and team_id = ${teamId}`;
  if (!row) throw notFound("Channel");
  return row;
}

/** The channel's config in clear, for delivery only (never for an API response). */
export const channelConfig = (row: Pick<ChannelRow, "id" | "config_encrypted">) => JSON.parse(decryptSecret(row.config_encrypted, channelAad(row.id))) as Record<string, string>;

/** Creates a channel; its config (URL, routing key, signing secret) is encrypted bound to the row's id. */
export async function createChannel(ctx: TeamContext, input: ChannelCreateInput): Promise<Channel> {
  assertCan(ctx, "alert:manage");
  const sql = await db();
  return sql.begin(async (tx) => {
    await assertRoomFor(tx, ctx.team.id, "alertChannels");
    const [{ id } = { id: "" }] = await tx<{ id: string }[]>`select gen_random_uuid() as id`;
    if (input.type === "email") assertMailForChannel();
    const config = input.config as Record<string, string | string[]>;
    const [row] = await tx<ChannelRow[]>`
      insert into alert_channels (id, team_id, name, type, config_encrypted, config_hint)
      values (${id}, ${ctx.team.id}, ${input.name}, ${input.type}, ${encryptSecret(JSON.stringify(config), channelAad(id))}, ${hintOf(config)})
      returning *`;
    if (!row) throw new Error("insert returned nothing");
    await audit(tx, ctx, { action: "alert_channel.create", targetType: "alert_channel", targetId: id, after: { name: input.name, type: input.type, config: row.config_hint } });
    return toChannel(row);
  });
}

export async function listChannels(ctx: TeamContext): Promise<Channel[]> {
  assertCan(ctx, "alert:read");
  const sql = await db();
  const rows = await sql<ChannelRow[]>`select * from alert_channels where team_id = ${ctx.team.id} order by created_at, id`;
  return rows.map(toChannel);
}

export async function getChannel(ctx: TeamContext, id: string): Promise<Channel> {
  assertCan(ctx, "alert:read");
  return toChannel(await getChannelRow(await db(), ctx.team.id, id));
}

/** Renames a channel or replaces its config (rotating the secret); the type stays. */
export async function updateChannel(ctx: TeamContext, id: string, input: ChannelUpdateInput): Promise<Channel> {
  assertCan(ctx, "alert:manage");
  const sql = await db();
  return sql.begin(async (tx) => {
    const before = await getChannelRow(tx, ctx.team.id, id);
    const config = input.config ? parseChannelConfig(before.type, input.config) : null;
    const [row] = await tx<ChannelRow[]>`
      update alert_channels set name = ${input.name ?? before.name},
        config_encrypted = ${config ? encryptSecret(JSON.stringify(config), channelAad(id)) : before.config_encrypted},
        config_hint = ${config ? hintOf(config) : before.config_hint}, updated_at = now()
      where id = ${id} returning *`;
    if (!row) throw notFound("Channel");
    await audit(tx, ctx, { action: "alert_channel.update", targetType: "alert_channel", targetId: id, before: { name: before.name, config: before.config_hint }, after: { name: row.name, config: row.config_hint } });
    return toChannel(row);
  });
}

export async function deleteChannel(ctx: TeamContext, id: string): Promise<void> {
  assertCan(ctx, "alert:manage");
  const sql = await db();
  await sql.begin(async (tx) => {
    const before = await getChannelRow(tx, ctx.team.id, id);
    await tx`update alert_rules set channel_ids = array_remove(channel_ids, ${id}::uuid) where team_id = ${ctx.team.id}`;
    await tx`delete from alert_channels where id = ${id}`;
    await audit(tx, ctx, { action: "alert_channel.delete", targetType: "alert_channel", targetId: id, before: { name: before.name, type: before.type } });
  });
}

/** "Send test": a sample notification delivered now, its outcome recorded like any other. */
export async function sendTestNotification(ctx: TeamContext, id: string) {
  assertCan(ctx, "alert:manage");
  const sql = await db();
  const row = await getChannelRow(sql, ctx.team.id, id);
  const { deliverToChannel } = await import("../mail/alert-channel");
  const at = new Date().toISOString();
  const payload = {
    idempotencyKey: `test:${id}:${at}`, action: "trigger" as const, dedupKey: `ocf-test-${id}`, severity: "info" as const, ruleName: "Test",
    title: `Test notification from OpenClaw Fleet (${ctx.team.name})`, summary: "If you can read this, the channel works.",
    agents: [], url: "", at,
  };
  const started = performance.now();
  const result = await deliverToChannel(row.type, channelConfig(row) as never, payload);
  await sql.begin(async (tx) => {
    const [n] = await tx<{ id: string }[]>`
      insert into notifications (team_id, channel_id, action, idempotency_key, dedup_key, payload, status, attempts, last_error, sent_at)
      values (${ctx.team.id}, ${id}, 'test', ${payload.idempotencyKey}, ${payload.dedupKey}, ${JSON.stringify(payload)}::jsonb,
        ${result.ok ? "sent" : "failed"}, 1, ${result.ok ? null : (result.error ?? `HTTP ${result.status}`)}, ${result.ok ? sql`now()` : null})
      returning id`;
    await tx`insert into notification_attempts (notification_id, status_code, error, duration_ms) values (${n?.id ?? ""}, ${result.status}, ${result.error ?? null}, ${Math.round(performance.now() - started)})`;
    await audit(tx, ctx, { action: "alert_channel.test", targetType: "alert_channel", targetId: id, after: { ok: result.ok, status: result.status } });
  });
  return { ok: result.ok, status: result.status, error: result.error ?? null };
}
