import type { TableName } from "../warehouse/tables.ts";
import type { ParseKind } from "./parse-sql.ts";

export interface ColumnMapping {
  /** Header names that may carry this column, first match wins (exports rename columns between versions). */
  from: string[];
  parse: ParseKind;
  /** A row whose value is missing or unparseable is rejected. */
  required?: boolean;
  /** Translates exported codes, e.g. {"已支付": "paid"}; unknown values are rejected when given. */
  values?: Record<string, string>;
}

/**
 * A vendor export format, declared rather than programmed: how to recognise the file and how its
 * columns map onto a warehouse table. Users add formats as JSON with the same shape.
 */
export interface Preset {
  name: string;
  label: string;
  table: TableName;
  /** Regular expression (source text) tested against the file name; a tie-breaker, not a requirement. */
  fileName?: string;
  columns: Record<string, ColumnMapping>;
  /** Values for columns the export lacks, e.g. the channel a single-platform ad report is about. */
  constants?: Record<string, string>;
  /** Column that collects every unmapped export column as JSON (events keep custom properties). */
  rest?: string;
}

/** Headers that must all be present for a preset to apply: one alternative of each required column. */
export function presetMatches(preset: Preset, headers: string[]): { matched: boolean; score: number; missing: string[] } {
  const present = new Set(headers.map((h) => h.trim()));
  const missing: string[] = [];
  let score = 0;
  for (const [target, mapping] of Object.entries(preset.columns)) {
    const hit = mapping.from.some((h) => present.has(h));
    if (hit) score++;
    else if (mapping.required) missing.push(`${target} (${mapping.from.join(" / ")})`);
  }
  return { matched: missing.length === 0 && score > 0, score, missing };
}

/** The export headers that feed a target column, in preference order (first non-empty cell wins). */
export function sourceHeaders(mapping: ColumnMapping, headers: string[]): string[] {
  const present = new Set(headers);
  return mapping.from.filter((h) => present.has(h));
}
