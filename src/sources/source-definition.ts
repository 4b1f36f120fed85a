import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ParseKind } from "../ingest/parse-sql.ts";
import type { ColumnMapping, Preset } from "../ingest/preset.ts";
import { builtinPresets } from "../ingest/presets/index.ts";
import { tables, type TableName } from "../warehouse/tables.ts";

/** A column as declared in opsbook.config.json: the source column's name, or a mapping like a preset's. */
export type SourceColumn = string | { from: string | string[]; parse?: ParseKind; required?: boolean; values?: Record<string, string> };

/** One database table or query loaded incrementally into a warehouse table. */
export interface SourceDefinition {
  name: string;
  /** Environment variable holding the connection URL, so no password sits in the config file. */
  url_env?: string;
  table?: string;
  query?: string;
  /** Column that only grows as rows are inserted or updated: updated_at, or an auto-increment id. */
  watermark: string;
  /** Column(s) that break watermark ties; default: the source column mapped to the target's key; [] when the watermark itself is unique (an auto-increment id). */
  key?: string | string[];
  target: TableName;
  /** Name of a file preset whose mapping applies (e.g. generic-orders for Chinese column names). */
  preset?: string;
  columns?: Record<string, SourceColumn>;
  constants?: Record<string, string>;
  batch_size?: number;
}

export const defaultUrlEnv = "OPSBOOK_SOURCE_URL";
export const defaultBatchSize = 10_000;
const parseKinds: ParseKind[] = ["text", "timestamp", "date", "money", "integer", "number", "percent", "json"];

/** The "sources" list of opsbook.config.json, checked field by field. */
export function readSources(root: string): SourceDefinition[] {
  const file = join(root, "opsbook.config.json");
  if (!existsSync(file)) return [];
  let json: { sources?: unknown };
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (json.sources === undefined) return [];
  if (!Array.isArray(json.sources)) throw new Error(`${file}: "sources" must be a list`);
  const sources = json.sources.map((s, i) => checkSource(s, `${file}: sources[${i}]`));
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.name)) throw new Error(`${file}: two sources are named ${JSON.stringify(s.name)}`);
    seen.add(s.name);
  }
  return sources;
}

export function checkSource(raw: unknown, where: string): SourceDefinition {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error(`${where}: must be an object`);
  const s = raw as Record<string, unknown>;
  const at = (field: string) => `${where}${typeof s.name === "string" ? ` (${s.name})` : ""}.${field}`;
  const text = (field: string, required = false) => {
    const v = s[field];
    if (v === undefined && !required) return undefined;
    if (typeof v !== "string" || !v.trim()) throw new Error(`${at(field)}: ${v === undefined ? "required" : "must be a non-empty string"}`);
    return v;
  };
  if (typeof s.name !== "string" || !/^[\w.-]+$/.test(s.name)) throw new Error(`${where}.name: required, letters, digits, "-", "_" or "." only`);
  text("url_env");
  text("watermark", true);
  text("preset");
  if ((s.table === undefined) === (s.query === undefined)) throw new Error(`${at("table")}: give either "table" or "query", not both or neither`);
  text("table");
  text("query");
  if (typeof s.target !== "string" || !(s.target in tables)) throw new Error(`${at("target")}: must be one of ${Object.keys(tables).join(", ")}, got ${JSON.stringify(s.target)}`);
  if (s.preset !== undefined) {
    const preset = builtinPresets.find((p) => p.name === s.preset);
    if (!preset) throw new Error(`${at("preset")}: unknown preset ${JSON.stringify(s.preset)}`);
    if (preset.table !== s.target) throw new Error(`${at("preset")}: ${preset.name} loads ${preset.table}, not ${s.target}`);
  }
  if (s.key !== undefined && !(typeof s.key === "string" || (Array.isArray(s.key) && s.key.every((k) => typeof k === "string")))) {
    throw new Error(`${at("key")}: must be a column name or a list of them`);
  }
  if (s.batch_size !== undefined && !(Number.isInteger(s.batch_size) && (s.batch_size as number) > 0)) throw new Error(`${at("batch_size")}: must be a positive integer`);
  const columns = tables[s.target as TableName].columns as readonly string[];
  for (const [field, value] of Object.entries((s.columns ?? {}) as Record<string, unknown>)) {
    if (!columns.includes(field)) throw new Error(`${at(`columns.${field}`)}: ${s.target} has no column ${field} (it has ${columns.join(", ")})`);
    if (typeof value === "string") continue;
    const m = value as Record<string, unknown> | null;
    const from = m?.from;
    if (!m || !(typeof from === "string" || (Array.isArray(from) && from.every((f) => typeof f === "string")))) throw new Error(`${at(`columns.${field}`)}: give the source column's name, or {"from": "column", "parse": …}`);
    if (m.parse !== undefined && !parseKinds.includes(m.parse as ParseKind)) throw new Error(`${at(`columns.${field}.parse`)}: must be one of ${parseKinds.join(", ")}`);
  }
  for (const field of Object.keys((s.constants ?? {}) as object)) {
    if (!columns.includes(field)) throw new Error(`${at(`constants.${field}`)}: ${s.target} has no column ${field}`);
  }
  return s as unknown as SourceDefinition;
}

/**
 * The source's column mapping as a file preset, so database rows go through the same parsing,
 * rejects and de-duplication as export files. Declared columns override the named preset (or the
 * canonical one for the target table): its parse kinds, required flags and value codes stay.
 */
export function sourcePreset(source: SourceDefinition): Preset {
  const base = builtinPresets.find((p) => p.name === (source.preset ?? `canonical-${source.target}`));
  if (!base) throw new Error(`no preset for ${source.target}`);
  const columns: Record<string, ColumnMapping> = { ...base.columns };
  for (const [target, declared] of Object.entries(source.columns ?? {})) {
    const inherited = base.columns[target] ?? { from: [], parse: "text" as ParseKind };
    const d = typeof declared === "string" ? { from: declared } : declared;
    columns[target] = {
      ...inherited,
      from: Array.isArray(d.from) ? d.from : [d.from],
      ...(d.parse ? { parse: d.parse } : {}),
      ...(d.required !== undefined ? { required: d.required } : {}),
      ...(d.values ? { values: d.values } : {})
    };
  }
  return { ...base, name: `db:${source.name}`, label: `database source ${source.name}`, columns, constants: { ...base.constants, ...source.constants } };
}
