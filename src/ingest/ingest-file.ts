import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { tables, type TableName } from "../warehouse/tables.ts";
import { parseExpression, quoteIdent, quoteLiteral } from "./parse-sql.ts";
import { presetMatches, type ColumnMapping, type Preset } from "./preset.ts";
import { ExportFileError, stageFile, type StagedFile, type TextEncoding } from "./read-export.ts";

export interface IngestResult {
  file: string;
  status: "loaded" | "unchanged" | "failed";
  preset?: string;
  table?: string;
  rowsLoaded: number;
  rowsRejected: number;
  /** Rows dated in a closed ISO week that the table already had later data for (a backfill). */
  lateRows?: number;
  /** Header change since the previous file of the same preset: reported, never silently dropped. */
  drift?: { previousFile: string; added: string[]; removed: string[] };
  message?: string;
}

/** The column that dates a fact, for late-arrival accounting; tables of settings have none. */
const dateColumn: Partial<Record<TableName, string>> = { events: "ts", orders: "ts", spend: "date", content: "date", traffic: "date" };

export async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * The preset whose columns best cover the header (a file-name match breaks ties). When a preset
 * that does not match covers more of the header than the best one that does, the file is most
 * likely a broken export of that format: none is chosen, rather than loading it into the wrong table.
 */
export function choosePreset(presets: Preset[], file: string, headers: string[]): Preset | undefined {
  let best: { preset: Preset; score: number } | undefined;
  let bestMissing = 0;
  for (const preset of presets) {
    const { matched, score } = presetMatches(preset, headers);
    const named = preset.fileName && new RegExp(preset.fileName, "i").test(basename(file)) ? 0.5 : 0;
    if (!matched) {
      bestMissing = Math.max(bestMissing, score + named);
      continue;
    }
    if (!best || score + named > best.score) best = { preset, score: score + named };
  }
  return best && best.score >= bestMissing ? best.preset : undefined;
}

/** The export headers that feed a target column, in preference order (first non-empty cell wins). */
export function sourceHeaders(mapping: ColumnMapping, headers: string[]): string[] {
  const present = new Set(headers);
  return mapping.from.filter((h) => present.has(h));
}

interface ColumnSql {
  target: string;
  /** Typed value, from the row's text. */
  value: string;
  /** The cell text the value came from (NULL when empty), kept to explain a reject. */
  cell?: string;
  header?: string;
  required?: boolean;
}

/** Per target column: the typed value, and the cell it came from. */
function columnSql(preset: Preset, headers: string[]): ColumnSql[] {
  const out: ColumnSql[] = [];
  for (const [target, mapping] of Object.entries(preset.columns)) {
    const found = sourceHeaders(mapping, headers);
    if (found.length === 0) {
      // A missing properties/attributes column is filled from the rest below, not left null.
      if (target !== preset.rest) out.push({ target, value: "null" });
      continue;
    }
    // Exports leave a cell empty when another column carries the fact (GrowingIO: no login id → device id).
    const cells = found.map((h) => `nullif(trim(s.${quoteIdent(h)}), '')`);
    const cell = cells.length === 1 ? cells[0] : `coalesce(${cells.join(", ")})`;
    let value = parseExpression(mapping.parse, cell);
    if (mapping.values) {
      const cases = Object.entries(mapping.values).map(([k, v]) => `when ${quoteLiteral(k)} then ${quoteLiteral(v)}`).join(" ");
      value = `(case ${cell} ${cases} else null end)`;
    }
    out.push({ target, value, cell, header: found.join(" / "), required: mapping.required });
  }
  for (const [target, constant] of Object.entries(preset.constants ?? {})) out.push({ target, value: quoteLiteral(constant) });
  if (preset.rest && !out.some((c) => c.target === preset.rest)) {
    const mapped = new Set(Object.values(preset.columns).flatMap((m) => m.from));
    const rest = headers.filter((h) => !mapped.has(h));
    out.push({ target: preset.rest, value: rest.length ? `json_object(${rest.map((h) => `${quoteLiteral(h)}, nullif(s.${quoteIdent(h)}, '')`).join(", ")})` : "null" });
  }
  return out;
}

/** Why a parsed row is rejected, from its typed values and their cells ('' when it is fine). */
function problemSql(columns: ColumnSql[]): string {
  const problems = columns.flatMap((c, i) => {
    if (!c.cell) return [];
    const cell = `__cell${i}`;
    const label = `${c.header}: `;
    return [
      c.required
        ? `case when ${cell} is null then ${quoteLiteral(label + "missing value")} when ${quoteIdent(c.target)} is null then ${quoteLiteral(label + "cannot parse ")} || ${cell} end`
        : `case when ${cell} is not null and ${quoteIdent(c.target)} is null then ${quoteLiteral(label + "cannot parse ")} || ${cell} end`
    ];
  });
  return problems.length ? problems.join(", ") : "null";
}

/** Sanity rules beyond parsing: money is never negative, nor beyond what one order or day can be. */
function sanitySql(preset: Preset): string[] {
  const checks: string[] = [];
  for (const column of ["amount", "cost"]) {
    if (column in preset.columns) {
      checks.push(`case when ${column} < 0 then '${column}: negative amount ' || ${column} end`);
      checks.push(`case when ${column} > 100000000 then '${column}: implausible amount ' || ${column} end`);
    }
  }
  return checks;
}

/**
 * Loads one export file in one transaction: parsed rows go to their table (de-duplicated by the
 * table's natural key), unparseable rows to `rejects` with their line and reason, and the file's
 * hash to `ingest_log`. An error leaves the warehouse exactly as it was.
 */
export async function ingestFile(
  connection: DuckDBConnection,
  file: string,
  presets: Preset[],
  options: { encoding?: TextEncoding; sheet?: string; displayName?: string; hash?: string; stat?: { size: number; mtimeMs: number } } = {}
): Promise<IngestResult> {
  const name = options.displayName ?? basename(file);
  const hash = options.hash ?? (await hashFile(file));
  const seen = await connection.runAndReadAll(`select file from ingest_log where content_hash = $hash limit 1`, { hash });
  if (seen.currentRowCount > 0) {
    const previous = String(seen.getRowObjectsJS()[0].file);
    if (previous === name && options.stat) {
      // Remember size and time, so the next run skips this file without reading it.
      await connection.run(`update ingest_log set file_size = $size, file_mtime_ms = $mtime where file = $name and content_hash = $hash`, { size: options.stat.size, mtime: Math.round(options.stat.mtimeMs), name, hash });
    }
    return { file: name, status: "unchanged", rowsLoaded: 0, rowsRejected: 0, message: previous === name ? "already loaded" : `same content as ${previous}, already loaded` };
  }
  const staged = await stageFile(connection, file, { encoding: options.encoding, sheet: options.sheet, displayName: name });
  const preset = choosePreset(presets, file, staged.headers);
  if (!preset) {
    const near = closestPreset(presets, staged.headers);
    const hint = near ? `; closest is ${near.preset.name} (${near.preset.label}), which lacks ${near.missing.join(", ")}` : "";
    throw new ExportFileError(name, `no preset matches its header (${staged.headers.slice(0, 12).join(", ")})${hint}; run \`opsbook ingest --explain ${name}\` or declare a preset in opsbook.config.json`, 1);
  }
  const { rowsLoaded, rowsRejected, lateRows, drift } = await loadStaged(connection, { name, hash, preset, staged, stat: options.stat });
  return { file: name, status: "loaded", preset: preset.name, table: preset.table, rowsLoaded, rowsRejected, lateRows, ...(drift ? { drift } : {}) };
}

export interface StagedLoad {
  /** Recorded as source_file, and as the file in ingest_log and rejects. */
  name: string;
  hash: string;
  preset: Preset;
  staged: Pick<StagedFile, "table" | "headers" | "malformed" | "lineSql">;
  /** Size and time of a file, so an unchanged file is skipped next time without reading it. */
  stat?: { size: number; mtimeMs: number };
  /** Source columns naming a row where line numbers mean nothing (database rows): rejects cite them instead. */
  keyHeaders?: string[];
  /** Runs inside the transaction after the rows: a database source advances its watermark here, so both commit or neither. */
  beforeCommit?: (counts: { rowsLoaded: number; rowsRejected: number }) => Promise<void>;
}

/**
 * The transform shared by every source (files and databases): parses a staged all-text table with
 * the preset's mapping, then in one transaction de-duplicates good rows into the preset's table,
 * sends bad rows to `rejects` with their line (or key) and reason, and logs the load. An error
 * leaves the warehouse exactly as it was.
 */
export async function loadStaged(
  connection: DuckDBConnection,
  { name, hash, preset, staged, stat, keyHeaders, beforeCommit }: StagedLoad
): Promise<{ rowsLoaded: number; rowsRejected: number; lateRows: number; drift: IngestResult["drift"] }> {
  const spec = tables[preset.table];
  const columns = columnSql(preset, staged.headers);
  const sanity = sanitySql(preset);
  // Cells are trimmed and parsed once; reasons are built from the results, raw rows only for rejects.
  await connection.run(`drop table if exists __parsed; create temp table __parsed as
    select __line, ${columns.map((c) => quoteIdent(c.target)).join(", ")},
      concat_ws('; ', ${problemSql(columns)}, ${sanity.length ? sanity.join(", ") : "null"}) as __problems
    from (select ${staged.lineSql} as __line, ${columns.map((c, i) => `${c.value} as ${quoteIdent(c.target)}${c.cell ? `, ${c.cell} as __cell${i}` : ""}`).join(", ")}
      from ${staged.table} s)`);

  const targetColumns = spec.columns.filter((c) => columns.some((x) => x.target === c));
  const cols = targetColumns.map(quoteIdent).join(", ");
  const keyMatch = spec.key.map((k) => `t.${quoteIdent(k)} is not distinct from n.${quoteIdent(k)}`).join(" and ");
  // Within one file a repeated key keeps its last line ("replace") or its first ("keep").
  const newest = `qualify row_number() over (partition by ${spec.key.map(quoteIdent).join(", ")} order by __line ${spec.onConflict === "replace" ? "desc" : "asc"}) = 1`;
  const drift = await headerDrift(connection, preset.name, staged.headers);
  const when = dateColumn[preset.table];

  await connection.run("begin transaction");
  try {
    const good = `(select ${cols} from __parsed where __problems = '' ${newest})`;
    let lateRows = 0;
    if (when && targetColumns.includes(when)) {
      // Late = dated in a closed ISO week, at or before data this source (preset) already
      // delivered: a backfill into a period that may have been reported already. Other sources
      // filling the same table (GrowingIO next to 神策) do not make each other late.
      const late = await connection.runAndReadAll(`select count(*) as n from __parsed
        where __problems = '' and ${quoteIdent(when)} < date_trunc('week', current_date)
          and ${quoteIdent(when)} <= (select max(${quoteIdent(when)}) from ${preset.table} where source_file in (select file from ingest_log where preset = $preset))`, { preset: preset.name });
      lateRows = Number(late.getRowObjectsJS()[0].n);
    }
    if (spec.onConflict === "replace") {
      await connection.run(`create or replace temp table __good as ${good.slice(1, -1)}`);
      await connection.run(`delete from ${preset.table} t where exists (select 1 from __good n where ${keyMatch})`);
      await connection.run(`insert into ${preset.table} (${cols}, source_file) select ${cols}, $name from __good`, { name });
    } else {
      // Immutable facts (events): one pass, new rows only; the big table is never rewritten. Two
      // shortcuts keep big loads fast: the in-file de-duplication is skipped when no two rows share
      // a key hash (equal keys have equal hashes), and stored rows are compared only within the
      // file's time span, which DuckDB's min/max indexes answer without reading the whole table.
      const keyHash = `hash(${spec.key.map(quoteIdent).join(", ")})`;
      const stats = (await connection.runAndReadAll(`select count(*) - count(distinct ${keyHash}) as clashes${when ? `, min(${quoteIdent(when)})::varchar as lo, max(${quoteIdent(when)})::varchar as hi` : ""} from __parsed where __problems = ''`)).getRowObjectsJS()[0];
      const source = Number(stats.clashes) > 0 ? good : `(select ${cols} from __parsed where __problems = '')`;
      const span = when && stats.lo !== null ? ` and t.${quoteIdent(when)} between $lo::timestamptz and $hi::timestamptz` : "";
      await connection.run(`insert into ${preset.table} (${cols}, source_file) select ${cols}, $name from ${source} n where not exists (select 1 from ${preset.table} t where ${keyMatch}${span})`, {
        name, ...(span ? { lo: String(stats.lo), hi: String(stats.hi) } : {})
      });
    }
    const keyText = keyHeaders?.length ? `concat_ws(', ', ${keyHeaders.map((h) => `${quoteLiteral(h + "=")} || coalesce(s.${quoteIdent(h)}, 'NULL')`).join(", ")})` : null;
    await connection.run(`insert into rejects (file, line, raw, reason)
      select $name, ${keyText ? "null" : "p.__line"}, to_json(s)::varchar, ${keyText ? `${keyText} || ': ' || p.__problems` : "p.__problems"}
      from __parsed p join ${staged.table} s on ${staged.lineSql} = p.__line where p.__problems <> ''`, { name });
    for (const m of staged.malformed) {
      await connection.run(`insert into rejects (file, line, raw, reason) values ($name, $line, $raw, $reason)`, { name, line: m.line, raw: m.raw, reason: m.reason });
    }
    const counts = (await connection.runAndReadAll(`select count(*) filter (where __problems = '') as good, count(*) filter (where __problems <> '') as bad from __parsed`)).getRowObjectsJS()[0];
    const rowsLoaded = Number(counts.good);
    const rowsRejected = Number(counts.bad) + staged.malformed.length;
    await connection.run(`insert into ingest_log (file, content_hash, preset, table_name, rows_loaded, rows_rejected, headers, drift, late_rows, file_size, file_mtime_ms)
      values ($name, $hash, $preset, $table, $loaded, $rejected, $headers, $drift, $late, $size, $mtime)`, {
      size: stat?.size ?? null, mtime: stat ? Math.round(stat.mtimeMs) : null,
      name, hash, preset: preset.name, table: preset.table, loaded: rowsLoaded, rejected: rowsRejected,
      headers: JSON.stringify(staged.headers), drift: drift ? describeDrift(drift) : null, late: lateRows
    });
    await beforeCommit?.({ rowsLoaded, rowsRejected });
    await connection.run("commit");
    return { rowsLoaded, rowsRejected, lateRows, drift };
  } catch (error) {
    await connection.run("rollback");
    throw new ExportFileError(name, `not loaded, warehouse unchanged: ${(error as Error).message}`);
  } finally {
    await connection.run("drop table if exists __parsed; drop table if exists __good; drop table if exists __stage");
  }
}

export function describeDrift(drift: NonNullable<IngestResult["drift"]>): string {
  const parts = [drift.added.length ? `added ${drift.added.join(", ")}` : "", drift.removed.length ? `removed ${drift.removed.join(", ")}` : ""].filter(Boolean);
  return `columns changed since ${drift.previousFile}: ${parts.join("; ")}`;
}

/** Compares a file's header with the last file loaded through the same preset. */
async function headerDrift(connection: DuckDBConnection, preset: string, headers: string[]): Promise<IngestResult["drift"]> {
  const last = await connection.runAndReadAll(`select file, headers from ingest_log where preset = $preset and headers is not null order by rowid desc limit 1`, { preset });
  if (last.currentRowCount === 0) return undefined;
  const row = last.getRowObjectsJS()[0];
  const before: string[] = JSON.parse(String(row.headers));
  const added = headers.filter((h) => !before.includes(h));
  const removed = before.filter((h) => !headers.includes(h));
  return added.length || removed.length ? { previousFile: String(row.file), added, removed } : undefined;
}

/** For a file no preset takes: the preset with the most of its columns present, and what it lacks. */
export function closestPreset(presets: Preset[], headers: string[]): { preset: Preset; score: number; missing: string[] } | undefined {
  let best: { preset: Preset; score: number; missing: string[] } | undefined;
  for (const preset of presets) {
    const { score, missing } = presetMatches(preset, headers);
    if (score > 0 && missing.length > 0 && (!best || score > best.score)) best = { preset, score, missing };
  }
  return best;
}
