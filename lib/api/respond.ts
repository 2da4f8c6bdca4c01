/** JSON with the contract's defaults: never cached, since every answer is per user. */
export function json(data: unknown, status = 200, init: HeadersInit = {}): Response {
  const headers = new Headers(init);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return Response.json(data, { status, headers });
}

export const noContent = (headers: HeadersInit = {}) => new Response(null, { status: 204, headers });
