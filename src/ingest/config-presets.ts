import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tables, type TableName } from "../warehouse/tables.ts";
import { parseKinds, type ParseKind } from "./parse-sql.ts";
import type { ColumnMapping, Preset } from "./preset.ts";
import { builtinPresets } from "./presets/index.ts";

/** A mistake in a user-declared preset: names the config file and the JSON path of the bad field. */
export class PresetConfigError extends Error {}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isStringMap = (x: unknown): x is Record<string, string> => isObject(x) && Object.values(x).every((v) => typeof v === "string");

/**
 * Checks one declared preset field by field, so a typo reads "presets[1].columns.cost.parse must
 * be one of …" instead of failing later inside SQL.
 */
export function validatePreset(input: unknown, where: string): Preset {
  const fail = (path: string, message: string): never => {
    throw new PresetConfigError(`${where}.${path} ${message}`);
  };
  if (!isObject(input)) throw new PresetConfigError(`${where} must be an object like {"name": …, "table": …, "columns": {…}}`);
  const { name, label, table, fileName, columns, constants, rest } = input;
  if (typeof name !== "string" || !/^[\w.\-\u4e00-\u9fff]+$/.test(name)) fail("name", "must be a non-empty name without spaces");
  if (typeof table !== "string" || !(table in tables)) fail("table", `must be one of ${Object.keys(tables).join(", ")}, got ${JSON.stringify(table)}`);
  const known = tables[table as TableName].columns;
  if (fileName !== undefined) {
    if (typeof fileName !== "string") fail("fileName", "must be a regular expression as a string");
    try {
      new RegExp(fileName as string, "i");
    } catch (error) {
      fail("fileName", `is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  if (!isObject(columns) || Object.keys(columns).length === 0) fail("columns", `must map warehouse columns (${known.join(", ")}) to export headers`);
  const mapped: Record<string, ColumnMapping> = {};
  for (const [target, m] of Object.entries(columns as Record<string, unknown>)) {
    const at = `columns.${target}`;
    if (!known.includes(target)) fail(at, `is not a column of ${table} (columns: ${known.join(", ")})`);
    if (!isObject(m)) fail(at, `must be {"from": ["表头"], "parse": "text"}`);
    const { from, parse, required, values } = m as Record<string, unknown>;
    const list = typeof from === "string" ? [from] : from;
    if (!Array.isArray(list) || list.length === 0 || !list.every((h) => typeof h === "string" && h.trim())) fail(`${at}.from`, "must be a header name or a list of header names");
    if (parse !== undefined && !parseKinds.includes(parse as ParseKind)) fail(`${at}.parse`, `must be one of ${parseKinds.join(", ")}, got ${JSON.stringify(parse)}`);
    if (required !== undefined && typeof required !== "boolean") fail(`${at}.required`, "must be true or false");
    if (values !== undefined && !isStringMap(values)) fail(`${at}.values`, "must map exported codes to stored values, all strings");
    mapped[target] = { from: list as string[], parse: (parse as ParseKind | undefined) ?? "text", ...(required ? { required: true } : {}), ...(values ? { values: values as Record<string, string> } : {}) };
  }
  const key = tables[table as TableName].key.filter((k) => k !== "properties" && k !== "campaign_id" && k !== "page");
  for (const k of key) if (!(k in mapped) && !(isStringMap(constants) && k in constants)) fail("columns", `must map ${k}: it identifies a row of ${table}`);
  if (constants !== undefined) {
    if (!isStringMap(constants)) fail("constants", "must map columns to fixed string values");
    for (const c of Object.keys(constants as object)) if (!known.includes(c)) fail(`constants.${c}`, `is not a column of ${table}`);
  }
  if (rest !== undefined && (typeof rest !== "string" || !["properties", "attributes"].includes(rest) || !known.includes(rest))) {
    fail("rest", `must name the JSON column of ${table} that keeps unmapped headers (events: properties, users: attributes)`);
  }
  return {
    name: name as string,
    label: typeof label === "string" ? label : (name as string),
    table: table as TableName,
    ...(fileName ? { fileName: fileName as string } : {}),
    columns: mapped,
    ...(constants ? { constants: constants as Record<string, string> } : {}),
    ...(rest ? { rest: rest as string } : {})
  };
}

/** Presets declared in `opsbook.config.json` ("presets": [...]), checked; none when absent. */
export function configPresets(root: string): Preset[] {
  const file = join(root, "opsbook.config.json");
  if (!existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new PresetConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const list = isObject(json) ? json.presets : undefined;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new PresetConfigError(`${file}: presets must be a list of presets`);
  const presets = list.map((p, i) => validatePreset(p, `${file}: presets[${i}]`));
  const names = new Set<string>();
  for (const [i, p] of presets.entries()) {
    if (names.has(p.name)) throw new PresetConfigError(`${file}: presets[${i}].name ${JSON.stringify(p.name)} is declared twice`);
    names.add(p.name);
  }
  return presets;
}

/** Declared presets first: a team's own format is more specific than the built-in ones. */
export function allPresets(root: string): Preset[] {
  return [...configPresets(root), ...builtinPresets];
}
