import { z } from "zod";
import { Email, Id, RoleSchema, label } from "./common";

export const TeamCreateInput = z.strictObject({ name: label(100) });
export const TeamUpdateInput = z
  .strictObject({
    name: label(100).optional(),
    heartbeatRetentionDays: z.number().int().min(1).max(400).optional().describe("Days of heartbeat history kept (default 30)"),
  })
  .refine((v) => v.name !== undefined || v.heartbeatRetentionDays !== undefined, { message: "Nothing to change" });
export type TeamUpdateInput = z.infer<typeof TeamUpdateInput>;

export const Team = z
  .object({ id: Id, name: z.string(), personal: z.boolean(), role: RoleSchema, memberCount: z.number().int(), heartbeatRetentionDays: z.number().int(), createdAt: z.string() })
  .meta({ id: "Team" });
export const TeamResponse = z.object({ team: Team });
export const TeamListResponse = z.object({ teams: z.array(Team), nextCursor: z.string().nullable() });

export const Member = z
  .object({ userId: Id, email: z.string(), name: z.string(), role: RoleSchema, joinedAt: z.string() })
  .meta({ id: "Member" });
export const MemberUpdateInput = z.strictObject({ role: RoleSchema });
export const MemberResponse = z.object({ member: Member });
export const MemberListResponse = z.object({ members: z.array(Member), nextCursor: z.string().nullable() });

export const InvitationCreateInput = z.strictObject({ email: Email, role: RoleSchema });
export const Invitation = z
  .object({
    id: Id,
    email: z.string(),
    role: RoleSchema,
    status: z.enum(["pending", "accepted", "revoked", "expired"]),
    invitedBy: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    url: z.string().optional().describe("The link to share; returned only when the invitation is created"),
    mailed: z.boolean().optional().describe("Whether the link was also mailed to the address (SMTP configured); only when created"),
  })
  .meta({ id: "Invitation" });
export const InvitationResponse = z.object({ invitation: Invitation });
export const InvitationListResponse = z.object({ invitations: z.array(Invitation), nextCursor: z.string().nullable() });
export const InvitationAcceptInput = z.strictObject({ token: z.string().min(10).max(200) });
export const InvitationAcceptResponse = z.object({ team: z.object({ id: Id, name: z.string(), role: RoleSchema }) });

export type Team = z.infer<typeof Team>;
export type Member = z.infer<typeof Member>;
export type Invitation = z.infer<typeof Invitation>;
