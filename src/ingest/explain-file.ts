import { basename } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { choosePreset, closestPreset, sourceHeaders } from "./ingest-file.ts";
import { presetMatches, type Preset } from "./preset.ts";
import { stageFile, type TextEncoding } from "./read-export.ts";

export interface Explanation {
  matched: boolean;
  text: string;
}

/**
 * What `opsbook ingest` would do with one file, without storing anything: the format read, the
 * preset chosen (or why none was), and where each column goes.
 */
export async function explainFile(connection: DuckDBConnection, file: string, presets: Preset[], options: { encoding?: TextEncoding; sheet?: string } = {}): Promise<Explanation> {
  const staged = await stageFile(connection, file, { ...options, displayName: basename(file) });
  await connection.run(`drop table if exists ${staged.table}`);
  const lines: string[] = [];
  const read = [staged.encoding === "gb18030" ? "GB18030" : staged.encoding === "utf8" ? "UTF-8" : undefined, staged.sheet ? `sheet ${JSON.stringify(staged.sheet)}` : undefined]
    .filter(Boolean).join(", ");
  lines.push(`${basename(file)}${read ? ` (${read})` : ""}: ${staged.rows.toLocaleString()} rows, ${staged.malformed.length} malformed lines, ${staged.headers.length} columns`);
  lines.push(`  header: ${staged.headers.join(", ")}`);
  const preset = choosePreset(presets, file, staged.headers);
  if (!preset) {
    lines.push("", "no preset matches this header.");
    const near = closestPreset(presets, staged.headers);
    if (near) {
      lines.push(`closest: ${near.preset.name} (${near.preset.label} → ${near.preset.table}), ${near.score} of ${Object.keys(near.preset.columns).length} columns found`);
      lines.push(`  missing required headers: ${near.missing.join("; ")}`);
    }
    lines.push("", "Rename the columns, or declare a preset in opsbook.config.json (\"presets\": [...], see README).");
    return { matched: false, text: lines.join("\n") };
  }
  const named = preset.fileName && new RegExp(preset.fileName, "i").test(basename(file));
  lines.push("", `preset: ${preset.name} (${preset.label}) → table ${preset.table}${named ? `; file name matches /${preset.fileName}/` : ""}`);
  const width = Math.max(...Object.keys(preset.columns).map((c) => c.length), ...Object.keys(preset.constants ?? {}).map((c) => c.length), 8);
  for (const [target, mapping] of Object.entries(preset.columns)) {
    const found = sourceHeaders(mapping, staged.headers);
    const how = [mapping.parse, mapping.required ? "required" : "", mapping.values ? `codes: ${Object.keys(mapping.values).slice(0, 6).join("/")}…` : ""].filter(Boolean).join(", ");
    lines.push(`  ${target.padEnd(width)} ← ${found.length ? found.join(" / ") : `(absent: ${mapping.from.join(" / ")})`}  [${how}]`);
  }
  for (const [target, value] of Object.entries(preset.constants ?? {})) lines.push(`  ${target.padEnd(width)} = ${JSON.stringify(value)}  [constant]`);
  const mapped = new Set(Object.values(preset.columns).flatMap((m) => m.from));
  const unmapped = staged.headers.filter((h) => !mapped.has(h));
  if (unmapped.length) lines.push(`  ${unmapped.join(", ")} → ${preset.rest ? `${preset.rest} (JSON)` : "ignored"}`);
  const others = presets.filter((p) => p !== preset && presetMatches(p, staged.headers).matched).map((p) => p.name);
  if (others.length) lines.push(`  also matching (lower score): ${others.join(", ")}`);
  return { matched: true, text: lines.join("\n") };
}
