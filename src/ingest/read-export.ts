import { rmSync, statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ExportFileError } from "./export-file-error.ts";
import { quoteIdent, quoteLiteral } from "./parse-sql.ts";
import { utf8Source, type TextEncoding } from "./text-source.ts";
import { sheetRowColumn, xlsxToCsv } from "./xlsx-to-csv.ts";

export { ExportFileError } from "./export-file-error.ts";
export { detectEncoding, type TextEncoding } from "./text-source.ts";
export type ExportFormat = "csv" | "tsv" | "jsonl" | "parquet" | "xlsx";

export interface StagedFile {
  /** Temporary table of all-VARCHAR columns, one per header. */
  table: string;
  /** SQL for a row's 1-based line (or sheet row) in the source, over the staging table aliased `s`. */
  lineSql: string;
  headers: string[];
  rows: number;
  encoding?: TextEncoding;
  /** The sheet read, for workbooks. */
  sheet?: string;
  /** Lines DuckDB's CSV reader could not split into the header's columns. */
  malformed: Malformed[];
}

export interface Malformed {
  line: number;
  raw: string;
  reason: string;
}

export function exportFormat(file: string): ExportFormat | undefined {
  const name = file.toLowerCase().replace(/\.gz$/, "");
  if (/\.(csv|txt)$/.test(name)) return "csv";
  if (name.endsWith(".tsv")) return "tsv";
  if (/\.(jsonl|ndjson)$/.test(name)) return "jsonl";
  if (name.endsWith(".parquet")) return "parquet";
  if (name.endsWith(".xlsx")) return "xlsx";
  return undefined;
}

/**
 * Loads one export into a staging table, as text, with source line numbers. DuckDB's own readers
 * do the parsing; we only re-encode GB18030, unpack gzip and unzip XLSX first, streaming.
 */
export async function stageFile(connection: DuckDBConnection, file: string, options: { encoding?: TextEncoding; sheet?: string; displayName?: string } = {}): Promise<StagedFile> {
  const name = options.displayName ?? file;
  const format = exportFormat(file);
  if (!format) throw new ExportFileError(name, "unsupported file type (expected .csv, .tsv, .txt, .jsonl, .parquet or .xlsx, optionally .gz)");
  if (statSync(file).size === 0) throw new ExportFileError(name, "the file is empty");
  const table = "__stage";
  await connection.run(`drop table if exists ${table}; drop table if exists __raw; drop table if exists __csv_rejects; drop table if exists __csv_scan`);
  let temp: string | undefined;
  try {
    let source = file;
    let encoding: TextEncoding | undefined;
    let sheet: string | undefined;
    if (format === "xlsx") ({ source, temp, sheet } = await xlsxToCsv(file, options.sheet, name));
    else if (format !== "parquet") ({ source, encoding, temp } = await utf8Source(file, options.encoding, name));
    let malformed: StagedFile["malformed"] = [];
    let lineSql = "s.__line";
    const csv = format === "csv" || format === "tsv" || format === "xlsx";
    try {
      if (csv) {
        await connection.run(`create temp table __raw as select * from ${csvReader(source, format === "tsv")}`);
        malformed = await readMalformed(connection);
      } else if (format === "jsonl") {
        await connection.run(`create temp table __raw as select * from read_json(${quoteLiteral(source)}, format = 'newline_delimited', records = true, maximum_object_size = 20000000)`);
      } else {
        await connection.run(`create temp table __raw as select * from read_parquet(${quoteLiteral(source)})`);
      }
    } catch (error) {
      throw readerError(name, error);
    }
    const columns = (await connection.runAndReadAll(`select column_name, column_type from (describe __raw)`)).getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    if (format === "xlsx") {
      // The converter wrote each row's sheet number first: rejects name the row Excel shows.
      malformed = malformed.map((m) => ({ ...m, line: Number(/^"?(\d+)/.exec(m.raw)?.[1] ?? m.line) }));
      await connection.run(`alter table __raw rename column ${quoteIdent(sheetRowColumn)} to __line; alter table __raw rename to ${table}`);
    } else if (csv && malformed.length === 0) {
      // The common case, kept cheap for big files: the table as read; the line is the row id + 2.
      await connection.run(`alter table __raw rename to ${table}`);
      lineSql = "(s.rowid + 2)";
    } else {
      const line = await readOrderLine(connection, "r.rowid", csv ? 2 : 1, malformed);
      // JSON readers type their columns; everything becomes text again, strings without JSON quotes.
      const text = (c: { name: string; type: string }) =>
        c.type === "JSON" ? `(${quoteIdent(c.name)} ->> '$')` : /^(STRUCT|MAP)|\[\]$/.test(c.type) ? `to_json(${quoteIdent(c.name)})::varchar` : `cast(${quoteIdent(c.name)} as varchar)`;
      const casts = columns.map((c) => `${text(c)} as ${quoteIdent(c.name)}`).join(", ");
      await connection.run(`create temp table ${table} as
        select ${line} as __line, ${casts} from __raw r;
        drop table __raw; drop table if exists __gaps`);
    }
    const headers = columns.map((c) => c.name).filter((c) => c !== sheetRowColumn && c !== "__line");
    const rows = Number((await connection.runAndReadAll(`select count(*) as n from ${table}`)).getRowObjectsJS()[0].n);
    if (rows === 0 && malformed.length === 0) throw new ExportFileError(name, `the file has a header but no rows${sheet ? ` (sheet ${JSON.stringify(sheet)}; choose another with --sheet)` : ""}`);
    return { table, lineSql, headers, rows, encoding, sheet, malformed };
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * DuckDB's CSV reader over a UTF-8 file, every column as text. Lines it cannot split into the
 * header's columns are skipped into __csv_rejects (see readMalformed) rather than failing the file.
 * `sniffOnly` (naming the columns): 32 MB buffers. Left alone, DuckDB sizes its buffer at 16 × the
 * longest line allowed (20 MB, for a 10 MB field), and sniffing then reads hundreds of megabytes of
 * a big file. Not for loads: smaller pieces leave partial row groups that the checkpoint rewrites.
 */
export function csvReader(source: string, tsv: boolean, sniffOnly = false): string {
  return `read_csv(${quoteLiteral(source)}, header = true, all_varchar = true, ${tsv ? "delim = '\\t', " : ""}max_line_size = 20000000,${sniffOnly ? " buffer_size = 33554432," : ""}
    store_rejects = true, rejects_table = '__csv_rejects', rejects_scan = '__csv_scan')`;
}

/** The lines the last csvReader scan skipped; one line can fail several ways (each missing column is an error): one reject per line. */
export async function readMalformed(connection: DuckDBConnection): Promise<Malformed[]> {
  const rejects = await connection.runAndReadAll(`select line::bigint as line, any_value(csv_line) as csv_line, string_agg(distinct error_type || ': ' || error_message, '; ') as reason from __csv_rejects group by line order by line`);
  return rejects.getRowObjectsJS().map((r) => ({ line: Number(r.line), raw: String(r.csv_line ?? ""), reason: String(r.reason) }));
}

/**
 * SQL for the source line of the row at position `rowid` among the rows a reader kept, in file
 * order: position + offset (the header and 1-based lines), plus the malformed lines skipped before it.
 */
export async function readOrderLine(connection: DuckDBConnection, rowid: string, offset: number, malformed: Malformed[]): Promise<string> {
  if (malformed.length === 0) return `(${rowid} + ${offset})`;
  await connection.run(`create or replace temp table __gaps as select unnest(${JSON.stringify(malformed.map((m, j) => m.line - offset - j))}::bigint[]) as good_before`);
  return `(${rowid} + ${offset} + (select count(*) from __gaps where good_before <= ${rowid}))`;
}

/** A reader's error as a file error: its first line, and the line it names. */
export function readerError(name: string, error: unknown): ExportFileError {
  const message = (error as Error).message;
  return new ExportFileError(name, describeReaderError(message), lineOf(message));
}

function lineOf(message: string): number | undefined {
  const m = /line (\d+)/i.exec(message);
  return m ? Number(m[1]) : undefined;
}

function describeReaderError(message: string): string {
  const first = message.split("\n").find((l) => l.trim()) ?? message;
  return first.replace(/^(Invalid Input Error|Conversion Error|IO Error):\s*/, "");
}
