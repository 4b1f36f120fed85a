import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { tables } from "../warehouse/tables.ts";
import { columnSql, dateColumn, parseRows, type ParsedRows, type RowSource } from "./parse-rows.ts";
import { quoteIdent, quoteLiteral } from "./parse-sql.ts";
import { fileFacts, type FileFacts } from "./file-facts.ts";
import { loadCsvDirect } from "./load-csv-direct.ts";
import { presetMatches, type Preset } from "./preset.ts";
import { ExportFileError, exportFormat, stageFile, type StagedFile, type TextEncoding } from "./read-export.ts";
import { scanCsv, type CsvScan } from "./scan-csv.ts";

export { sourceHeaders } from "./preset.ts";

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

/**
 * Loads one export file in one transaction: parsed rows go to their table (de-duplicated by the
 * table's natural key), unparseable rows to `rejects` with their line and reason, and the file's
 * hash to `ingest_log`. An error leaves the warehouse exactly as it was.
 */
/**
 * Loads one export file in one transaction: parsed rows go to their table (de-duplicated by the
 * table's natural key), unparseable rows to `rejects` with their line and reason, and the file's
 * hash to `ingest_log`. An error leaves the warehouse exactly as it was.
 */
export async function ingestFile(
  connection: DuckDBConnection,
  file: string,
  presets: Preset[],
  options: {
    encoding?: TextEncoding;
    sheet?: string;
    displayName?: string;
    hash?: string;
    /** From the caller's fileFacts: no cell of the file is padded (with `hash`, spares a second read). */
    unpadded?: boolean;
    stat?: { size: number; mtimeMs: number };
    /** A clean CSV up to this many bytes is staged before its insert (loadCsvDirect's stageBytes). */
    stageUpTo?: number;
  } = {}
): Promise<IngestResult> {
  const name = options.displayName ?? basename(file);
  if (options.hash) {
    const seen = await alreadyLoaded(connection, name, options.hash, options.stat);
    if (seen) return seen;
  }
  const format = exportFormat(file);
  // Without a hash from the caller, the file is hashed while DuckDB reads it (the same bytes, from
  // the page cache); a file that turns out to be loaded already costs one parse, then dropped. The
  // same read tells a CSV's direct load whether it may skip trimming cells.
  const csv = format === "csv" || format === "tsv";
  const facts: Promise<FileFacts> =
    options.hash && (!csv || options.unpadded !== undefined) ? Promise.resolve({ hash: options.hash, unpadded: options.unpadded ?? false }) : fileFacts(file);
  facts.catch(() => {}); // a read error surfaces where the facts are awaited
  const hashing = options.hash ? Promise.resolve(options.hash) : facts.then((f) => f.hash);
  let scan: CsvScan | undefined;
  try {
    let source: RowSource;
    if (csv) {
      source = scan = await scanCsv(connection, file, { encoding: options.encoding, name, tsv: format === "tsv" });
    } else {
      const staged = await stageFile(connection, file, { encoding: options.encoding, sheet: options.sheet, displayName: name });
      source = { from: staged.table, headers: staged.headers, line: staged.lineSql, malformed: staged.malformed };
    }
    const preset = choosePreset(presets, file, source.headers);
    if (!preset) {
      const near = closestPreset(presets, source.headers);
      const hint = near ? `; closest is ${near.preset.name} (${near.preset.label}), which lacks ${near.missing.join(", ")}` : "";
      throw new ExportFileError(name, `no preset matches its header (${source.headers.slice(0, 12).join(", ")})${hint}; run \`opsbook ingest --explain ${name}\` or declare a preset in opsbook.config.json`, 1);
    }
    if (scan) {
      const direct = await loadDirect(connection, { file, name, preset, scan, facts, hashing, knownHash: Boolean(options.hash), stat: options.stat, stageUpTo: options.stageUpTo });
      if (direct) return direct;
    }
    const parsed = await parseRows(connection, { name, preset, source });
    if (parsed.good + parsed.bad + parsed.malformed.length === 0) throw new ExportFileError(name, "the file has a header but no rows");
    const hash = await hashing;
    if (!options.hash) {
      const seen = await alreadyLoaded(connection, name, hash, options.stat);
      if (seen) return seen;
    }
    const { rowsLoaded, rowsRejected, lateRows, drift } = await commitParsed(connection, { name, hash, preset, headers: source.headers, parsed, stat: options.stat });
    return { file: name, status: "loaded", preset: preset.name, table: preset.table, rowsLoaded, rowsRejected, lateRows, ...(drift ? { drift } : {}) };
  } finally {
    scan?.release();
    await dropScratch(connection);
  }
}

/**
 * Tries loadCsvDirect in one transaction: the file's rows, the de-duplication against stored rows and
 * the log entry commit together, or nothing does and the caller takes the careful path (undefined).
 */
async function loadDirect(
  connection: DuckDBConnection,
  { file, name, preset, scan, facts, hashing, knownHash, stat, stageUpTo }: {
    file: string;
    name: string;
    preset: Preset;
    scan: CsvScan;
    facts: Promise<FileFacts>;
    hashing: Promise<string>;
    knownHash: boolean;
    stat?: { size: number; mtimeMs: number };
    stageUpTo?: number;
  }
): Promise<IngestResult | undefined> {
  const drift = await headerDrift(connection, preset.name, scan.headers);
  await connection.run("begin transaction");
  let committed = false;
  try {
    // Optimistic when DuckDB reads the very bytes fileFacts checks (not a decoded copy): cells are
    // taken untrimmed while that check runs alongside; if it then finds a possibly padded cell, the
    // insert is undone and done again with trim().
    const optimistic = scan.file === file;
    let direct = await loadCsvDirect(connection, { name, preset, csv: scan, trim: !optimistic, stageUpTo });
    if (direct && optimistic && !(await facts).unpadded) {
      await connection.run("rollback; begin transaction");
      direct = await loadCsvDirect(connection, { name, preset, csv: scan, trim: true, stageUpTo });
    }
    if (!direct) return undefined;
    const hash = await hashing;
    if (!knownHash) {
      const seen = await alreadyLoaded(connection, name, hash, stat);
      if (seen) return seen;
    }
    await logLoad(connection, { name, hash, preset, headers: scan.headers, stat, rowsLoaded: direct.rowsLoaded, rowsRejected: 0, drift, lateRows: direct.lateRows });
    await connection.run("commit");
    committed = true;
    return { file: name, status: "loaded", preset: preset.name, table: preset.table, rowsLoaded: direct.rowsLoaded, rowsRejected: 0, lateRows: direct.lateRows, ...(drift ? { drift } : {}) };
  } catch (error) {
    throw new ExportFileError(name, `not loaded, warehouse unchanged: ${(error as Error).message}`);
  } finally {
    if (!committed) await connection.run("rollback");
  }
}

/** The result for a file whose content is in the ingest log already (under this or another name). */
async function alreadyLoaded(connection: DuckDBConnection, name: string, hash: string, stat?: { size: number; mtimeMs: number }): Promise<IngestResult | undefined> {
  const seen = await connection.runAndReadAll(`select file from ingest_log where content_hash = $hash limit 1`, { hash });
  if (seen.currentRowCount === 0) return undefined;
  const previous = String(seen.getRowObjectsJS()[0].file);
  if (previous === name && stat) {
    // Remember size and time, so the next run skips this file without reading it.
    await connection.run(`update ingest_log set file_size = $size, file_mtime_ms = $mtime where file = $name and content_hash = $hash`, { size: stat.size, mtime: Math.round(stat.mtimeMs), name, hash });
  }
  return { file: name, status: "unchanged", rowsLoaded: 0, rowsRejected: 0, message: previous === name ? "already loaded" : `same content as ${previous}, already loaded` };
}

const dropScratch = (connection: DuckDBConnection) =>
  connection.run("drop table if exists __parsed; drop table if exists __good; drop table if exists __stage; drop table if exists __gaps");

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
  try {
    const source: RowSource = { from: staged.table, headers: staged.headers, line: staged.lineSql, malformed: staged.malformed };
    const parsed = await parseRows(connection, { name, preset, source, keyHeaders });
    return await commitParsed(connection, { name, hash, preset, headers: staged.headers, parsed, stat, keyed: Boolean(keyHeaders?.length), beforeCommit });
  } finally {
    await dropScratch(connection);
  }
}

/**
 * Stores what parseRows left in `__parsed`, in one transaction: good rows into the preset's table
 * (de-duplicated by its natural key), bad rows into `rejects`, the load into `ingest_log`.
 */
async function commitParsed(
  connection: DuckDBConnection,
  { name, hash, preset, headers, parsed, stat, keyed, beforeCommit }: Omit<StagedLoad, "staged" | "keyHeaders"> & { headers: string[]; parsed: ParsedRows; keyed?: boolean }
): Promise<{ rowsLoaded: number; rowsRejected: number; lateRows: number; drift: IngestResult["drift"] }> {
  const spec = tables[preset.table];
  const targetColumns = spec.columns.filter((c) => columnSql(preset, headers).some((x) => x.target === c));
  const cols = targetColumns.map(quoteIdent).join(", ");
  const keyMatch = spec.key.map((k) => `t.${quoteIdent(k)} is not distinct from n.${quoteIdent(k)}`).join(" and ");
  // Within one file a repeated key keeps its last line ("replace") or its first ("keep").
  const newest = `qualify row_number() over (partition by ${spec.key.map(quoteIdent).join(", ")} order by ${parsed.lineSql} ${spec.onConflict === "replace" ? "desc" : "asc"}) = 1`;
  const good = `(select ${cols} from __parsed p where __problems = '' ${newest})`;
  const drift = await headerDrift(connection, preset.name, headers);
  const when = dateColumn[preset.table];

  await connection.run("begin transaction");
  try {
    if (spec.onConflict === "replace") {
      await connection.run(`create or replace temp table __good as ${good.slice(1, -1)}`);
      await connection.run(`delete from ${preset.table} t where exists (select 1 from __good n where ${keyMatch})`);
      await connection.run(`insert into ${preset.table} (${cols}, source_file) select ${cols}, $name from __good`, { name });
    } else {
      // Immutable facts (events): one pass, new rows only; the big table is never rewritten. Three
      // choices keep big loads fast: the in-file de-duplication is skipped when no two rows share a
      // key hash (equal keys have equal hashes); stored rows are compared only within the file's
      // time span, which DuckDB's min/max indexes answer without reading the whole table (literal
      // bounds, not parameters, so the optimizer can prune by them); and an anti join hashes those
      // few stored rows and probes with the file's, where NOT EXISTS first grouped every new key.
      const source = parsed.clashes > 0 ? good : `(select ${cols} from __parsed where __problems = '')`;
      const span = when && parsed.lo !== null && parsed.hi !== null ? ` where ${quoteIdent(when)} between ${quoteLiteral(parsed.lo)}::timestamptz and ${quoteLiteral(parsed.hi)}::timestamptz` : "";
      const stored = `(select ${spec.key.map(quoteIdent).join(", ")} from ${preset.table}${span})`;
      await connection.run(`insert into ${preset.table} (${cols}, source_file) select ${targetColumns.map((c) => `n.${quoteIdent(c)}`).join(", ")}, $name from ${source} n anti join ${stored} t on ${keyMatch}`, { name });
    }
    if (parsed.bad > 0) {
      await connection.run(`insert into rejects (file, line, raw, reason)
        select $name, ${keyed ? "null" : parsed.lineSql}, __raw, ${keyed ? "__key || ': ' || __problems" : "__problems"} from __parsed p where __problems <> ''`, { name });
    }
    for (const m of parsed.malformed) {
      await connection.run(`insert into rejects (file, line, raw, reason) values ($name, $line, $raw, $reason)`, { name, line: m.line, raw: m.raw, reason: m.reason });
    }
    const rowsLoaded = parsed.good;
    const rowsRejected = parsed.bad + parsed.malformed.length;
    await logLoad(connection, { name, hash, preset, headers, stat, rowsLoaded, rowsRejected, drift, lateRows: parsed.late });
    await beforeCommit?.({ rowsLoaded, rowsRejected });
    await connection.run("commit");
    return { rowsLoaded, rowsRejected, lateRows: parsed.late, drift };
  } catch (error) {
    await connection.run("rollback");
    throw new ExportFileError(name, `not loaded, warehouse unchanged: ${(error as Error).message}`);
  }
}

/** The ingest log's row for a load, written in the load's transaction. */
async function logLoad(
  connection: DuckDBConnection,
  { name, hash, preset, headers, stat, rowsLoaded, rowsRejected, drift, lateRows }: { name: string; hash: string; preset: Preset; headers: string[]; stat?: { size: number; mtimeMs: number }; rowsLoaded: number; rowsRejected: number; drift: IngestResult["drift"]; lateRows: number }
): Promise<void> {
  await connection.run(`insert into ingest_log (file, content_hash, preset, table_name, rows_loaded, rows_rejected, headers, drift, late_rows, file_size, file_mtime_ms)
    values ($name, $hash, $preset, $table, $loaded, $rejected, $headers, $drift, $late, $size, $mtime)`, {
    size: stat?.size ?? null, mtime: stat ? Math.round(stat.mtimeMs) : null,
    name, hash, preset: preset.name, table: preset.table, loaded: rowsLoaded, rejected: rowsRejected,
    headers: JSON.stringify(headers), drift: drift ? describeDrift(drift) : null, late: lateRows
  });
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
