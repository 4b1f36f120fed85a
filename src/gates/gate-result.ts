import type { Locale } from "../config.ts";

export type GateName = "freshness" | "volume" | "schema-drift" | "rejected-rows" | "metric-sanity";

export interface GateResult {
  gate: GateName;
  /** Table, or "kpi" for metric sanity. */
  table: string;
  status: "pass" | "fail" | "skip";
  /** One line naming the numbers, in the report's language. */
  message: string;
  numbers: Record<string, number | string | null>;
}

export interface GateContext {
  locale: Locale;
  timezone: string;
  now: Date;
  /** Files loaded after this instant count for the rejected-row budget (the last publication); null = all files. */
  since: Date | null;
}

/** Chinese first; English when the config says so. */
export const say = (locale: Locale, zh: string, en: string) => (locale === "en-US" ? en : zh);

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export function formatGateReport(results: GateResult[], locale: Locale): string {
  const mark = { pass: "✓", fail: "✗", skip: "·" };
  return results.map((r) => `${mark[r.status]} ${r.gate} · ${r.table}: ${r.message}`).join("\n");
}
