import { z } from "zod";
import { Email, Id, label, note } from "./common";

const webhookUrl = z.url({ protocol: /^https?$/, message: "Must be an http(s) URL" }).max(2000);

const CONFIGS = {
  slack: z.strictObject({ url: webhookUrl }),
  discord: z.strictObject({ url: webhookUrl }),
  pagerduty: z.strictObject({ routingKey: z.string().trim().regex(/^[A-Za-z0-9]{20,64}$/, { message: "A PagerDuty integration (routing) key" }) }),
  webhook: z.strictObject({ url: webhookUrl, secret: z.string().min(16, { message: "At least 16 characters" }).max(200) }),
  email: z.strictObject({
    addresses: z.array(Email).min(1, { message: "At least one address" }).max(20, { message: "At most 20 addresses" })
      .refine((a) => new Set(a).size === a.length, { message: "An address is listed twice" }),
  }),
};
export type ChannelType = keyof typeof CONFIGS;

/** Channel configs: their URLs and keys are secrets, stored encrypted and never returned whole. */
export const ChannelCreateInput = z.discriminatedUnion("type", [
  z.strictObject({ name: label(100), type: z.literal("slack"), config: CONFIGS.slack }),
  z.strictObject({ name: label(100), type: z.literal("discord"), config: CONFIGS.discord }),
  z.strictObject({ name: label(100), type: z.literal("pagerduty"), config: CONFIGS.pagerduty }),
  z.strictObject({ name: label(100), type: z.literal("webhook"), config: CONFIGS.webhook }),
  z.strictObject({ name: label(100), type: z.literal("email"), config: CONFIGS.email }).describe("Needs SMTP configured on the server (422 otherwise)"),
]);
export type ChannelCreateInput = z.infer<typeof ChannelCreateInput>;
/** A config checked against its channel's type (for updates, which keep the type). */
export const parseChannelConfig = (type: ChannelType, config: unknown) => CONFIGS[type].parse(config) as Record<string, string | string[]>;
export const ChannelUpdateInput = z
  .strictObject({ name: label(100).optional(), config: z.record(z.string(), z.union([z.string(), z.array(z.string()).max(20)])).optional().describe("A new config of the same type (rotates the secret)") })
  .refine((v) => v.name !== undefined || v.config !== undefined, { message: "Nothing to change" });
export type ChannelUpdateInput = z.infer<typeof ChannelUpdateInput>;

export const Channel = z
  .object({ id: Id, name: z.string(), type: z.enum(["slack", "discord", "pagerduty", "webhook", "email"]), configHint: z.string().describe("The secret, masked"), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: "AlertChannel" });
export type Channel = z.infer<typeof Channel>;
export const ChannelResponse = z.object({ channel: Channel });
export const ChannelListResponse = z.object({ channels: z.array(Channel), nextCursor: z.null() });

export const RULE_KINDS = ["agent_stale", "agent_offline", "gateway_unhealthy", "gateway_rtt", "cpu", "memory", "memory_pressure", "daily_spend", "custom", "policy_refusal"] as const;
export const METRIC_KINDS = ["gateway_rtt", "cpu", "memory", "memory_pressure", "daily_spend", "custom"] as const;
/** A custom metric's name, as heartbeats carry it in `custom`. */
export const MetricName = z.string().trim().regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: "A custom metric name: 1 to 64 of A-Z a-z 0-9 _ . -" });
const Scope = z.strictObject({ type: z.enum(["team", "fleet", "agent", "tag"]), value: z.string().trim().max(100).default("") });
const ruleFields = {
  name: label(100),
  enabled: z.boolean().default(true),
  kind: z.enum(RULE_KINDS),
  threshold: z.number().min(0).max(1e9).nullable().default(null).describe("ms for gateway_rtt, % for cpu/memory/memory_pressure, USD for daily_spend, the metric's own unit for custom"),
  metric: MetricName.nullable().default(null).describe("For custom rules: the custom metric (a key of the heartbeat's custom values) to watch"),
  forMinutes: z.number().int().min(0).max(1440).default(0),
  scope: Scope.default({ type: "team", value: "" }),
  severity: z.enum(["critical", "warning", "info"]).default("critical"),
  squelchMinutes: z.number().int().min(0).max(10080).default(30).describe("At most one notification per N minutes for this rule and agent"),
  channelIds: z.array(Id).max(20).default([]),
};
const checkRule = (r: { kind: string; threshold: number | null; metric: string | null; scope: { type: string; value: string } }, ctx: z.RefinementCtx) => {
  if ((METRIC_KINDS as readonly string[]).includes(r.kind) && r.threshold === null) ctx.addIssue({ code: "custom", path: ["threshold"], message: "This kind of rule needs a threshold" });
  if (r.kind === "custom" && r.metric === null) ctx.addIssue({ code: "custom", path: ["metric"], message: "Name the custom metric" });
  if (r.kind !== "custom" && r.metric !== null) ctx.addIssue({ code: "custom", path: ["metric"], message: "Only custom rules name a metric" });
  if (r.scope.type !== "team" && !r.scope.value) ctx.addIssue({ code: "custom", path: ["scope", "value"], message: "Name the fleet, agent or tag" });
  if ((r.scope.type === "fleet" || r.scope.type === "agent") && r.scope.value && !Id.safeParse(r.scope.value).success) ctx.addIssue({ code: "custom", path: ["scope", "value"], message: "Must be a UUID" });
};
export const RuleCreateInput = z.strictObject(ruleFields).superRefine(checkRule);
export type RuleCreateInput = z.infer<typeof RuleCreateInput>;
// An update has no defaults: a body naming some fields leaves the others as they are (with defaults,
// `{"enabled": false}` also reset the threshold, metric, channels…).
const f = ruleFields;
export const RuleUpdateInput = z
  .strictObject({
    name: f.name, kind: f.kind, enabled: f.enabled.unwrap(), threshold: f.threshold.unwrap(), metric: f.metric.unwrap(), forMinutes: f.forMinutes.unwrap(),
    scope: f.scope.unwrap(), severity: f.severity.unwrap(), squelchMinutes: f.squelchMinutes.unwrap(), channelIds: f.channelIds.unwrap(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change" });
export type RuleUpdateInput = z.infer<typeof RuleUpdateInput>;
export const Rule = z
  .object({ id: Id, name: z.string(), enabled: z.boolean(), kind: z.enum(RULE_KINDS), threshold: z.number().nullable(), metric: z.string().nullable(), forMinutes: z.number().int(), scope: z.object({ type: z.string(), value: z.string() }), severity: z.string(), squelchMinutes: z.number().int(), channelIds: z.array(Id), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: "AlertRule" });
export type Rule = z.infer<typeof Rule>;
export const RuleResponse = z.object({ rule: Rule });
export const RuleListResponse = z.object({ rules: z.array(Rule), nextCursor: z.null() });

export const AlertListQuery = z.strictObject({ state: z.enum(["open", "acknowledged", "resolved", "active"]).optional(), agentId: Id.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const Alert = z
  .object({
    id: Id, ruleId: Id, ruleName: z.string(), severity: z.string(), agentId: Id.nullable(), agentName: z.string().nullable(),
    state: z.enum(["open", "acknowledged", "resolved"]), detail: z.string(), silenced: z.boolean(),
    openedAt: z.string(), acknowledgedAt: z.string().nullable(), acknowledgedBy: z.string().nullable(), resolvedAt: z.string().nullable(), resolvedBy: z.string().nullable(),
  })
  .meta({ id: "Alert" });
export type Alert = z.infer<typeof Alert>;
export const AlertResponse = z.object({ alert: Alert });
export const AlertListResponse = z.object({ alerts: z.array(Alert), nextCursor: z.null() });

export const SilenceCreateInput = z.strictObject({ scopeType: z.enum(["agent", "fleet"]), scopeId: Id, minutes: z.number().int().min(1).max(43200), reason: note(200).default("") });
export type SilenceCreateInput = z.infer<typeof SilenceCreateInput>;
export const Silence = z.object({ id: Id, scopeType: z.string(), scopeId: Id, startsAt: z.string(), endsAt: z.string(), reason: z.string() }).meta({ id: "Silence" });
export const SilenceResponse = z.object({ silence: Silence });
export const SilenceListResponse = z.object({ silences: z.array(Silence), nextCursor: z.null() });
