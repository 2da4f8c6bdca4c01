// The server accepts printable ASCII only in free-text fields; anything else is replaced, not refused.

/** Printable ASCII, whitespace runs collapsed to one space, at most `max` characters. */
export function printable(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").replace(/[^\x20-\x7e]/g, "?").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}~` : flat;
}

/** Host names, OS and architecture names as the pairing endpoint takes them: [A-Za-z0-9._-]. */
export function identifier(text: string, max: number): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, max);
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** "12 s ago", "3 min ago", "2 h ago" for a past ISO time. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return "unknown";
  if (seconds < 0) return "in the future";
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}
