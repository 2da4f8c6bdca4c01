/** The second step of signing in, keeping where to go afterwards. */
export const twoFactorStep = (next?: string) => `/login/two-factor${next ? `?next=${encodeURIComponent(next)}` : ""}`;
