import { closeSync, openSync, readSync } from "node:fs";
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
  { name, preset, csv, trim }: { name: string; preset: Preset; csv: DirectCsv; trim: boolean }
): Promise<DirectLoad | undefined> {
  const plan = directPlan(preset, csv.headers, trim, firstRow(csv));
  if (!plan) return undefined;
  // The statistics below find this file's rows by source_file: a name loaded before (a re-export
  // saved over the old file) would mix in its stored rows.
  const earlier = await connection.runAndReadAll(`select 1 from ingest_log where file = $name limit 1`, { name });
  if (earlier.currentRowCount > 0) return undefined;

  const spec = tables[preset.table];
  const table = quoteIdent(preset.table);
  const types = csv.headers.map((h) => `${quoteLiteral(h)}: '${plan.timestamps.has(h) ? "timestamptz" : "varchar"}'`);
  const reader = `read_csv(${quoteLiteral(csv.file)}, header = true, ${csv.tsv ? "delim = '\\t', " : ""}max_line_size = 20000000, columns = {${types.join(", ")}})`;
  // A required value left NULL must stop the insert. Where the table's column is NOT NULL its
  // constraint does that already; elsewhere an error() per row does (it costs ~10 % of the load).
  const notNull = new Set((await connection.runAndReadAll(`select column_name from duckdb_columns() where schema_name = 'main' and table_name = $table and not is_nullable`, { table: preset.table })).getRowsJS().map((r) => String(r[0])));
  const give = quoteLiteral("needs the careful path");
  const values = plan.columns.map((c) => (c.required && !notNull.has(c.target) ? `coalesce(${c.value}, error(${give}))` : c.value));
  try {
    await connection.run(`insert into ${table} (${plan.columns.map((c) => quoteIdent(c.target)).join(", ")}, source_file)
      select ${values.join(", ")}, $name from ${reader} s`, { name });
  } catch (error) {
    // One statement in the caller's transaction: its rollback undoes it; the careful path finds the line and field.
    if (process.env.OPSBOOK_DEBUG) console.error(`${name}: careful path (${(error as Error).message.split("\n")[0]})`);
    return undefined;
  }

  const when = dateColumn[preset.table];
  const key = spec.key.map(quoteIdent).join(", ");
  const mine = `source_file = ${quoteLiteral(name)}`;
  const stats = (await connection.runAndReadAll(`select count(*) as n,
      ${when ? `min(${quoteIdent(when)})::varchar` : "null"} as lo, ${when ? `max(${quoteIdent(when)})::varchar` : "null"} as hi
    from ${table} where ${mine}`)).getRowObjectsJS()[0];
  const rows = Number(stats.n);
  // A header without rows: the careful path says so.
  if (rows === 0) return undefined;
  // Equal rows within the file (an export repeats an event now and then) keep their first line, as
  // in the careful path: the insert kept the reader's order, so the row id orders them by line.
  // Counted as loaded and as late like the careful path counts them, so removed after the counts.
  // The repeated keys' hashes are found in one grouping pass (equal keys have equal hashes; a hash
  // shared by different keys only costs the window below a few more rows), and only those rows are
  // then ranked.
  await connection.run(`create or replace temp table __repeats as select hash(${key}) as h from ${table} where ${mine} group by h having count(*) > 1`);
  const dropRepeats = async () => {
    const repeats = Number((await connection.runAndReadAll(`select count(*) as n from __repeats`)).getRowObjectsJS()[0].n);
    if (repeats > 0) {
      await connection.run(`delete from ${table} where rowid in (select rowid from ${table} where ${mine} and hash(${key}) in (select h from __repeats)
        qualify row_number() over (partition by ${key} order by rowid) > 1)`);
    }
    await connection.run("drop table __repeats");
  };
  if (!when || stats.lo === null) {
    await dropRepeats();
    return { rowsLoaded: rows, lateRows: 0 };
  }

  const cast = when === "ts" ? "timestamptz" : "date";
  const [lo, hi] = [`${quoteLiteral(String(stats.lo))}::${cast}`, `${quoteLiteral(String(stats.hi))}::${cast}`];
  const col = quoteIdent(when);
  const others = `source_file is distinct from ${quoteLiteral(name)}`;
  // Late rows, as parseRows counts them: dated in a closed ISO week, at or before the newest row this
  // preset delivered before (bounded by the file's first date, so old row groups are skipped).
  const newest = (await connection.runAndReadAll(`select max(${col})::varchar as m from ${table}
    where ${col} >= ${lo} and ${others} and source_file in (select file from ingest_log where preset = $preset)`, { preset: preset.name })).getRowObjectsJS()[0].m;
  const lateRows = newest === null ? 0 : Number((await connection.runAndReadAll(`select count(*) as n from ${table}
    where ${mine} and ${col} < date_trunc('week', current_date) and ${col} <= ${quoteLiteral(String(newest))}::${cast}`)).getRowObjectsJS()[0].n);

  await dropRepeats();
  // Rows stored before in the file's span with the same key: the stored copy stays, this one goes.
  const overlap = (await connection.runAndReadAll(`select count(*) as n from ${table} where ${col} between ${lo} and ${hi} and ${others}`)).getRowObjectsJS()[0].n;
  if (Number(overlap) > 0) {
    const match = spec.key.map((k) => `t.${quoteIdent(k)} is not distinct from ${table}.${quoteIdent(k)}`).join(" and ");
    await connection.run(`delete from ${table} where ${mine} and ${col} between ${lo} and ${hi}
      and exists (select 1 from ${table} t where t.${col} between ${lo} and ${hi} and t.${others} and ${match})`);
  }
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
