export type LimitResult = { success: boolean; limit: number; remaining: number; resetMs: number };
export type LimitRule = { limit: number; windowS: number };
