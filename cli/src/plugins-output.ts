import { isRecord } from "./guards";
import { printable } from "./text";

export type CustomValue = number | boolean | string;

/** How one plugin's latest run went, as the heartbeat carries it. */
export interface PluginReport {
  name: string;
  ok: boolean;
  error?: string;
  durationMs: number;
}

export interface PluginResults {
  custom: Record<string, CustomValue>;
  reports: PluginReport[];
}

export type PluginResult = { report: PluginReport; values: Map<string, CustomValue> };

/** The server takes at most this many custom values per heartbeat. */
export const MAX_CUSTOM_VALUES = 50;

export interface ParsedOutput {
  values: Map<string, CustomValue>;
  /** What was dropped and why; the plugin is reported with these. */
  problems: string[];
}

// What the server takes in a heartbeat's `custom` map (lib/schemas/heartbeat.ts).
const KEY = /^[A-Za-z0-9_.-]{1,64}$/;
const PRINTABLE = /^[\x20-\x7e]*$/;
const MAX_STRING = 200;

const SAMPLE = /^([A-Za-z_:][A-Za-z0-9_:]*)\s*(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;
const FLOAT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * A plugin's output: JSON `{"metrics": {"name": value}}` when it starts with `{`, else Prometheus
 * text exposition. Invalid names and values are dropped with a problem each; the rest is kept.
 */
export function parsePluginOutput(output: string): ParsedOutput {
  const text = output.trim();
  const parsed: ParsedOutput = { values: new Map(), problems: [] };
  if (text === "") parsed.problems.push('printed nothing (expected {"metrics": {...}} or Prometheus text)');
  else if (text.startsWith("{")) parseJson(text, parsed);
  else parsePrometheus(text, parsed);
  return parsed;
}

function parseJson(text: string, out: ParsedOutput): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    out.problems.push("output is not valid JSON");
    return;
  }
  if (!isRecord(data) || !isRecord(data.metrics)) {
    out.problems.push('JSON output needs a "metrics" object');
    return;
  }
  for (const [key, value] of Object.entries(data.metrics)) addValue(out, key, value);
}

/**
 * Prometheus text: `# ...` lines are comments, timestamps are ignored. A sample without labels is
 * `name`; with labels it is `name.<value>...`, the label values in the order of their label names
 * (`queue_depth{queue="mail"} 3` is `queue_depth.mail`). Characters a key cannot hold become `_`.
 */
function parsePrometheus(text: string, out: ParsedOutput): void {
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const sample = SAMPLE.exec(line);
    const labels = sample ? parseLabels(sample[2] ?? "") : null;
    if (!sample || !labels) return void out.problems.push(`line ${index + 1} is not a sample`);
    const valueText = sample[3] ?? "";
    const parts = [sample[1] ?? "", ...labels.filter(([, v]) => v !== "").sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v)];
    const key = parts.map((p) => p.replace(/[^A-Za-z0-9_.-]/g, "_")).join(".");
    if (!FLOAT.test(valueText)) return void out.problems.push(`${shown(key)}: ${valueText} is not a finite number`);
    addValue(out, key, Number(valueText));
  });
}

function parseLabels(block: string): [string, string][] | null {
  const labels: [string, string][] = [];
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < block.length) {
    if (block.slice(LABEL.lastIndex).trim() === "") break;
    const m = LABEL.exec(block);
    if (!m) return null;
    labels.push([m[1] ?? "", (m[2] ?? "").replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c))]);
  }
  return labels;
}

function addValue(out: ParsedOutput, key: string, value: unknown): void {
  const problem = !KEY.test(key) ? "a name is 1 to 64 of A-Z a-z 0-9 _ . -" : out.values.has(key) ? "reported twice" : invalidValue(value);
  if (problem) out.problems.push(`${shown(key)}: ${problem}`);
  else out.values.set(key, value as CustomValue);
}

function invalidValue(value: unknown): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : "not a finite number";
  if (typeof value === "boolean") return null;
  if (typeof value === "string") {
    if (value.length > MAX_STRING) return `text longer than ${MAX_STRING} characters`;
    return PRINTABLE.test(value) ? null : "text must be printable ASCII";
  }
  return "a value is a number, true/false or text";
}

const shown = (key: string) => `"${printable(key, 70)}"`;

/** One map for the heartbeat: a name reported by two plugins goes to the first (by file name); at most 50 values. */
export function mergeResults(results: PluginResult[]): PluginResults {
  const custom = new Map<string, CustomValue>();
  const owner = new Map<string, string>();
  const reports = results.map(({ report, values }) => {
    const problems: string[] = [];
    let over = 0;
    for (const [key, value] of values) {
      const first = owner.get(key);
      if (first !== undefined) problems.push(`"${key}" is already reported by ${first}`);
      else if (custom.size >= MAX_CUSTOM_VALUES) over += 1;
      else {
        custom.set(key, value);
        owner.set(key, report.name);
      }
    }
    if (over > 0) problems.push(`${over} value(s) dropped: at most ${MAX_CUSTOM_VALUES} custom values per heartbeat`);
    return problems.length ? withProblems(report, [...(report.error ? [report.error] : []), ...problems]) : report;
  });
  return { custom: Object.fromEntries(custom), reports };
}

export function withProblems(report: PluginReport, problems: string[]): PluginReport {
  if (problems.length === 0) return report;
  const more = problems.length > 3 ? `; and ${problems.length - 3} more` : "";
  return { ...report, ok: false, error: printable(problems.slice(0, 3).join("; ") + more, 300) };
}
