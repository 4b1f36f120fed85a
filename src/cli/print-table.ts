import type { Row } from "../warehouse/query-rows.ts";

/** Display width: CJK characters take two terminal columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function cell(value: Row[string]): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/\.?0+$/, "");
  return Array.isArray(value) ? JSON.stringify(value) : String(value);
}

/** Prints rows as an aligned text table, numbers right-aligned. */
export function printTable(rows: Row[], out: (line: string) => void = console.log): void {
  if (rows.length === 0) return out("(no rows)");
  const columns = Object.keys(rows[0]);
  const text = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(width(c), ...text.map((t) => width(t[i]))));
  const pad = (s: string, i: number, right: boolean) => (right ? " ".repeat(widths[i] - width(s)) + s : s + " ".repeat(widths[i] - width(s)));
  const numeric = columns.map((c) => rows.every((r) => r[c] === null || typeof r[c] === "number"));
  out(columns.map((c, i) => pad(c, i, numeric[i])).join("  "));
  out(widths.map((w) => "─".repeat(w)).join("  "));
  for (const t of text) out(t.map((s, i) => pad(s, i, numeric[i])).join("  "));
}
