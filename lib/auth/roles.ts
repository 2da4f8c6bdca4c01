import { forbidden } from "@/lib/api/errors";

export const ROLES = ["owner", "maintainer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, maintainer: 1, owner: 2 };

// The permission matrix. Services check it; the UI only mirrors it.
export const PERMISSIONS = {
  "team:read": "viewer",
  "team:update": "owner",
  "team:delete": "owner",
  "member:read": "viewer",
  "member:manage": "owner",
  "invitation:create": "maintainer",
  "invitation:revoke": "maintainer",
  "fleet:read": "viewer",
  "fleet:write": "maintainer",
  "agent:read": "viewer",
  "agent:write": "maintainer",
  "agent:pair": "maintainer",
  "agent:command": "maintainer",
  "audit:read": "viewer",
  "audit:verify": "owner",
  "token:manage": "viewer",
  "alert:read": "viewer",
  "alert:manage": "maintainer",
  "alert:respond": "maintainer",
  "cost:read": "viewer",
  "price:manage": "maintainer",
  "budget:manage": "maintainer",
  "advice:apply": "maintainer",
  "policy:read": "viewer",
  "policy:write": "maintainer",
  "secret:read": "viewer",
  "secret:write": "maintainer",
  "model:rotate": "maintainer",
  "billing:read": "viewer",
  "billing:manage": "owner",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export const atLeast = (role: Role, minimum: Role) => RANK[role] >= RANK[minimum];
export const lowerOf = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b);
export const can = (role: Role, permission: Permission) => atLeast(role, PERMISSIONS[permission]);

export function assertCan(ctx: { role: Role }, permission: Permission): void {
  if (!can(ctx.role, permission)) throw forbidden();
}
