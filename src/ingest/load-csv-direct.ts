import { closeSync, openSync, readSync, statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { tables } from "../warehouse/tables.ts";
import { columnSql, dateColumn } from "./parse-rows.ts";
import { quoteIdent, quoteLiteral } from "./parse-sql.ts";
import { sourceHeaders, type Preset } from "./preset.ts";

/** What a direct load needs to know about the CSV, as scanCsv found it. */
export interface DirectCsv {
  /** The UTF-8 file DuckDB reads (a decoded copy for GB18030 or gzip). */
  file: string;
  headers: string[];
  tsv: boolean;
}

/** A direct load that went through, inside the caller's open transaction. */
export interface DirectLoad {
  rowsLoaded: number;
  lateRows: number;
}

/**
 * The common case of a big export, loaded the way DuckDB's own `read_csv` into a table would be:
 * one parallel insert straight from a typed read into the preset's table, no parsed copy in between.
 * It takes only what it can load exactly as the careful path (parseRows) would: text columns and
 * required timestamps (DuckDB's reader types those as TIMESTAMPTZ with the same cast, naive times in
 * the session's zone; what it cannot read it leaves NULL, which a required column turns into an
 * error). A required time the sniffer did not type as a timestamp (GrowingIO's epoch milliseconds)
 * is read as text and parsed by the careful path's own expression, so it gets the very same value. Any row the careful path would reject or treat differently — a ragged line, an empty
 * required cell, a time the cast cannot read (epoch numbers, 2026年11月2日) — makes it give up, and the caller rolls back and takes the careful path, which finds the line
 * and the reason. Runs inside the caller's transaction; returns undefined when it gave up or does not
 * apply (the caller must then roll back).
 */
export async function loadCsvDirect(
  connection: DuckDBConnection,
  { name, preset, csv, trim, stageUpTo = stageBytes }: { name: string; preset: Preset; csv: DirectCsv; trim: boolean; stageUpTo?: number }
): Promise<DirectLoad | undefined> {
  const plan = directPlan(preset, csv.headers, trim, firstRow(csv));
  if (!plan) return undefined;
  // The statistics below find this file's rows by source_file: a name loaded before (a re-export
  // saved over the old file) would mix in its stored rows.
  const earlier = await connection.runAndReadAll(`select 1 from ingest_log where file = $name limit 1`, { name });
  if (earlier.currentRowCount > 0) return undefined;

  const spec = tables[preset.table];
  const types = csv.headers.map((h) => `${quoteLiteral(h)}: '${plan.timestamps.has(h) ? "timestamptz" : "varchar"}'`);
  const reader = `read_csv(${quoteLiteral(csv.file)}, header = true, ${csv.tsv ? "delim = '\\t', " : ""}max_line_size = 20000000, columns = {${types.join(", ")}})`;
  const staged = statSync(csv.file).size <= stageUpTo && spec.key.every((k) => plan.columns.some((c) => c.target === k));
  let rows: number | undefined;
  try {
    rows = staged ? await stageRows(connection, plan, reader) : await insertRows(connection, { name, table: preset.table, plan, reader });
  } catch (error) {
    // One statement in the caller's transaction: its rollback undoes it; the careful path finds the line and field.
    if (process.env.OPSBOOK_DEBUG) console.error(`${name}: careful path (${(error as Error).message.split("\n")[0]})`);
    return undefined;
  }
  if (rows === undefined) return undefined;
  return await keepNewRows(connection, { name, preset, rows, staged: staged ? plan.columns.map((c) => c.target) : undefined });
}

/**
 * Exports up to this size are read into a temporary table first, and only the rows that stay are
 * inserted. A transaction that deletes any of its own new rows loses DuckDB's optimistic writes (the
 * rows then go through the WAL and a checkpoint: twice the writing), and nearly every export repeats
 * a few events; but staging a much bigger file costs more memory and copying than it saves.
 */
export const stageBytes = 256 * 1024 * 1024;

/**
 * Reads the file into `__direct` (the target columns, in file order). Undefined when a required value
 * is missing, and throws on what the reader cannot read: the careful path must find the line.
 */
async function stageRows(connection: DuckDBConnection, plan: DirectPlan, reader: string): Promise<number | undefined> {
  await connection.run(`create or replace temp table __direct as select ${plan.columns.map((c) => `${c.value} as ${quoteIdent(c.target)}`).join(", ")} from ${reader} s`);
  const required = plan.columns.filter((c) => c.required).map((c) => `${quoteIdent(c.target)} is null`);
  const counts = (await connection.runAndReadAll(`select count(*) as n, ${required.length ? `count(*) filter (where ${required.join(" or ")})` : "0"} as missing from __direct`)).getRowObjectsJS()[0];
  return Number(counts.missing) > 0 ? undefined : Number(counts.n);
}

/** Inserts the file's rows into their table in one parallel statement; throws when it gives up. */
async function insertRows(
  connection: DuckDBConnection,
  { name, table, plan, reader }: { name: string; table: string; plan: DirectPlan; reader: string }
): Promise<number | undefined> {
  // A required value left NULL must stop the insert. Where the table's column is NOT NULL its
  // constraint does that already; elsewhere an error() per row does (it costs ~10 % of the load).
  const notNull = new Set((await connection.runAndReadAll(`select column_name from duckdb_columns() where schema_name = 'main' and table_name = $table and not is_nullable`, { table })).getRowsJS().map((r) => String(r[0])));
  const give = quoteLiteral("needs the careful path");
  const values = plan.columns.map((c) => (c.required && !notNull.has(c.target) ? `coalesce(${c.value}, error(${give}))` : c.value));
  const inserted = await connection.run(`insert into ${quoteIdent(table)} (${plan.columns.map((c) => quoteIdent(c.target)).join(", ")}, source_file)
    select ${values.join(", ")}, $name from ${reader} s`, { name });
  return Number(inserted.rowsChanged);
}

/**
 * De-duplication and late-row counts over the file's rows: staged in `__direct` (then only the rows
 * that stay are inserted, with `staged` naming its columns) or already inserted (then the others are
 * deleted). Equal rows within the file keep their first line and stored rows win, as in the careful
 * path; every row read counts as loaded, and as late, as the careful path counts them.
 */
async function keepNewRows(
  connection: DuckDBConnection,
  { name, preset, rows, staged }: { name: string; preset: Preset; rows: number; staged?: string[] }
): Promise<DirectLoad | undefined> {
  // A header without rows: the careful path says so.
  if (rows === 0) return undefined;
  const spec = tables[preset.table];
  const table = quoteIdent(preset.table);
  const when = dateColumn[preset.table];
  const key = spec.key.map(quoteIdent).join(", ");
  const mine = staged ? "__direct" : `(select * from ${table} where source_file = ${quoteLiteral(name)})`;
  const stats = when ? (await connection.runAndReadAll(`select min(${quoteIdent(when)})::varchar as lo, max(${quoteIdent(when)})::varchar as hi from ${mine}`)).getRowObjectsJS()[0] : { lo: null, hi: null };
  // Equal keys have equal hashes (a hash shared by different keys only costs the window a few more
  // rows): the repeated hashes are found by sorting them and comparing neighbours (half the CPU of
  // grouping millions of distinct hashes), and only their rows are ranked. The staged and the
  // inserted rows are both in file order, so the row id orders them by line.
  await connection.run(`create or replace temp table __repeats as select distinct h from (select hash(${key}) as h from ${mine}) qualify h = lag(h) over (order by h)`);
  const repeats = Number((await connection.runAndReadAll(`select count(*) as n from __repeats`)).getRowObjectsJS()[0].n) > 0;
  const later = `select rowid from ${staged ? "__direct" : table} where ${staged ? "true" : `source_file = ${quoteLiteral(name)}`} and hash(${key}) in (select h from __repeats)
    qualify row_number() over (partition by ${key} order by rowid) > 1`;

  let lateRows = 0;
  let stored: string | undefined;
  if (when && stats.lo !== null) {
    const cast = when === "ts" ? "timestamptz" : "date";
    const [lo, hi] = [`${quoteLiteral(String(stats.lo))}::${cast}`, `${quoteLiteral(String(stats.hi))}::${cast}`];
    const col = quoteIdent(when);
    const others = `source_file is distinct from ${quoteLiteral(name)}`;
    // Late rows, as parseRows counts them: dated in a closed ISO week, at or before the newest row this
    // preset delivered before (bounded by the file's first date, so old row groups are skipped).
    const newest = (await connection.runAndReadAll(`select max(${col})::varchar as m from ${table}
      where ${col} >= ${lo} and ${others} and source_file in (select file from ingest_log where preset = $preset)`, { preset: preset.name })).getRowObjectsJS()[0].m;
    lateRows = newest === null ? 0 : Number((await connection.runAndReadAll(`select count(*) as n from ${mine}
      where ${col} < date_trunc('week', current_date) and ${col} <= ${quoteLiteral(String(newest))}::${cast}`)).getRowObjectsJS()[0].n);
    // Rows stored before in the file's span (literal bounds: DuckDB's min/max indexes skip the rest).
    const overlap = Number((await connection.runAndReadAll(`select count(*) as n from ${table} where ${col} between ${lo} and ${hi} and ${others}`)).getRowObjectsJS()[0].n);
    if (overlap > 0) stored = `(select ${key} from ${table} where ${col} between ${lo} and ${hi} and ${others})`;
  }
  const match = (t: string) => spec.key.map((k) => `${t}.${quoteIdent(k)} is not distinct from n.${quoteIdent(k)}`).join(" and ");

  if (staged) {
    // Only the rows that stay are inserted: nothing new is deleted, so DuckDB keeps writing optimistically.
    const cols = staged.map(quoteIdent);
    await connection.run(`insert into ${table} (${cols.join(", ")}, source_file)
      select ${cols.map((c) => `n.${c}`).join(", ")}, $name from __direct n
      ${stored ? `anti join ${stored} t on ${match("t")}` : ""}
      ${repeats ? `where n.rowid not in (${later})` : ""}`, { name });
    await connection.run("drop table __direct");
  } else {
    if (repeats) await connection.run(`delete from ${table} where rowid in (${later})`);
    if (stored) {
      // The stored copy stays, this one goes.
      await connection.run(`delete from ${table} n where source_file = ${quoteLiteral(name)} and exists (select 1 from ${stored} t where ${match("t")})`);
    }
  }
  await connection.run("drop table __repeats");
  return { rowsLoaded: rows, lateRows };
}

const epoch = /^\s*(\d{10}|\d{13})\s*$/;

/** The first data row's cells, when it is plainly split (no quotes) within the file's first 64 KiB. */
function firstRow(csv: DirectCsv): string[] | undefined {
  const bytes = Buffer.alloc(65536);
  const fd = openSync(csv.file, "r");
  let text: string;
  try {
    text = bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0)).toString("utf8");
  } finally {
    closeSync(fd);
  }
  const line = text.split("\n")[1]?.replace(/\r$/, "");
  if (line === undefined || line.includes('"')) return undefined;
  const cells = line.split(csv.tsv ? "\t" : ",");
  return cells.length === csv.headers.length ? cells : undefined;
}

interface DirectPlan {
  columns: { target: string; value: string; required: boolean }[];
  /** Headers read as TIMESTAMPTZ by the reader itself. */
  timestamps: Set<string>;
}

/**
 * The insert's columns when every one can be loaded exactly as parseRows would; undefined otherwise.
 * Without `trim` (the caller knows no cell is padded), text cells are taken as read: trim() is the
 * costliest expression of the load (it walks every character), and the reader already reads an
 * empty cell as NULL, as nullif(…, '') would.
 */
function directPlan(preset: Preset, headers: string[], trim: boolean, first: string[] | undefined): DirectPlan | undefined {
  const spec = tables[preset.table];
  // Tables whose newest export wins replace stored rows by key: small files, the careful path.
  if (spec.onConflict !== "keep" || new Set(headers).size !== headers.length) return undefined;
  const timestamps = new Set<string>();
  const required = new Set<string>();
  const asRead = new Map<string, string>();
  for (const [target, mapping] of Object.entries(preset.columns)) {
    const found = sourceHeaders(mapping, headers);
    if (found.length === 0) {
      if (mapping.required) return undefined;
      continue;
    }
    if (mapping.values) return undefined;
    if (mapping.required) required.add(target);
    const cells = found.map((h) => `s.${quoteIdent(h)}`);
    if (mapping.parse === "timestamp" && mapping.required && found.length === 1) {
      // Typed by the reader unless the first row holds an epoch number, which its cast cannot read:
      // then the cell is read as text and parsed by parseExpression (columnSql's value, kept here), as
      // parseRows does. Either way every value is exact; the first row only picks the faster plan.
      if (!epoch.test(first?.[headers.indexOf(found[0])] ?? "")) {
        timestamps.add(found[0]);
        asRead.set(target, cells[0]);
      }
    } else if (mapping.parse !== "text") return undefined;
    else if (!trim) asRead.set(target, cells.length === 1 ? cells[0] : `coalesce(${cells.join(", ")})`);
  }
  const columns = columnSql(preset, headers).map((c) => ({ target: c.target, value: asRead.get(c.target) ?? c.value, required: required.has(c.target) }));
  return { columns, timestamps };
}
