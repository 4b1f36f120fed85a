import { closeSync, mkdtempSync, openSync, readSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteLiteral } from "./parse-sql.ts";

export type TextEncoding = "utf8" | "gb18030";
export type ExportFormat = "csv" | "tsv" | "jsonl" | "parquet" | "xlsx";

export interface StagedFile {
  /** Temporary table of all-VARCHAR columns plus __line, the 1-based line (or row) in the source. */
  table: string;
  headers: string[];
  rows: number;
  encoding?: TextEncoding;
  /** Lines DuckDB's CSV reader could not split into the header's columns. */
  malformed: { line: number; raw: string; reason: string }[];
}

/** A problem with the file as a whole: it names the file, and nothing of it is stored. */
export class ExportFileError extends Error {
  constructor(readonly file: string, message: string, readonly line?: number) {
    super(`${file}${line ? `:${line}` : ""}: ${message}`);
  }
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

/** UTF-8 unless the bytes say otherwise; Excel on Chinese Windows saves CSV as GBK/GB18030. */
export function detectEncoding(sample: Uint8Array): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf8";
  // A sample may end mid-character: drop up to 3 trailing bytes of an incomplete sequence.
  for (let cut = 0; cut <= 3; cut++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return "utf8";
    } catch {}
  }
  return "gb18030";
}

function readHead(file: string, bytes: number): Uint8Array {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Loads one export into a staging table, as text, with source line numbers. DuckDB's own readers
 * do the parsing; we only re-encode GB18030 and unpack gzip first when DuckDB cannot.
 */
export async function stageFile(connection: DuckDBConnection, file: string, options: { encoding?: TextEncoding; sheet?: string } = {}): Promise<StagedFile> {
  const format = exportFormat(file);
  if (!format) throw new ExportFileError(file, "unsupported file type (expected .csv, .tsv, .txt, .jsonl, .parquet or .xlsx, optionally .gz)");
  if (statSync(file).size === 0) throw new ExportFileError(file, "the file is empty");
  const table = "__stage";
  await connection.run(`drop table if exists ${table}; drop table if exists __csv_rejects; drop table if exists __csv_scan`);
  let temp: string | undefined;
  try {
    let source = file;
    let encoding: TextEncoding | undefined;
    if (format === "csv" || format === "tsv" || format === "jsonl") {
      ({ source, encoding, temp } = toUtf8(file, options.encoding));
    }
    let malformed: StagedFile["malformed"] = [];
    try {
      if (format === "csv" || format === "tsv") {
        await connection.run(`create temp table __raw as select * from read_csv(${quoteLiteral(source)}, header = true, all_varchar = true,
          ${format === "tsv" ? "delim = '\\t', " : ""}max_line_size = 20000000, store_rejects = true, rejects_table = '__csv_rejects', rejects_scan = '__csv_scan')`);
        // One line can fail several ways (each missing column is an error): one reject per line.
        const rejects = await connection.runAndReadAll(`select line::bigint as line, any_value(csv_line) as csv_line, string_agg(distinct error_type || ': ' || error_message, '; ') as reason from __csv_rejects group by line order by line`);
        malformed = rejects.getRowObjectsJS().map((r) => ({ line: Number(r.line), raw: String(r.csv_line ?? ""), reason: String(r.reason) }));
      } else if (format === "jsonl") {
        await connection.run(`create temp table __raw as select * from read_json(${quoteLiteral(source)}, format = 'newline_delimited', records = true, maximum_object_size = 20000000)`);
      } else if (format === "parquet") {
        await connection.run(`create temp table __raw as select * from read_parquet(${quoteLiteral(source)})`);
      } else {
        throw new ExportFileError(file, "XLSX is not supported yet: save the sheet as CSV");
      }
    } catch (error) {
      if (error instanceof ExportFileError) throw error;
      throw new ExportFileError(file, describeReaderError((error as Error).message), lineOf((error as Error).message));
    }
    // Row i of __raw sits on line i + 2 (after the header) plus the malformed lines before it.
    const offset = format === "csv" || format === "tsv" ? 2 : 1;
    await connection.run(`create temp table __gaps as select unnest(${JSON.stringify(malformed.map((m, j) => m.line - offset - j))}::bigint[]) as good_before`);
    const columns = (await connection.runAndReadAll(`select column_name from (describe __raw)`)).getRowObjectsJS().map((r) => String(r.column_name));
    const casts = columns.map((c) => `cast("${c.replace(/"/g, '""')}" as varchar) as "${c.replace(/"/g, '""')}"`).join(", ");
    await connection.run(`create temp table ${table} as
      select rowid + ${offset} + (select count(*) from __gaps where good_before <= r.rowid) as __line, ${casts} from __raw r;
      drop table __raw; drop table __gaps`);
    const rows = Number((await connection.runAndReadAll(`select count(*) as n from ${table}`)).getRowObjectsJS()[0].n);
    if (rows === 0 && malformed.length === 0) throw new ExportFileError(file, "the file has a header but no rows");
    return { table, headers: columns, rows, encoding, malformed };
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

function toUtf8(file: string, declared?: TextEncoding): { source: string; encoding: TextEncoding; temp?: string } {
  const gz = file.toLowerCase().endsWith(".gz");
  const head = gz ? undefined : readHead(file, 1 << 22);
  const encoding = declared ?? (head ? detectEncoding(head) : undefined);
  if (!gz && encoding === "utf8") return { source: file, encoding };
  let bytes: Buffer;
  try {
    bytes = gz ? gunzipSync(readFileSync(file)) : readFileSync(file);
  } catch (error) {
    throw new ExportFileError(file, `cannot decompress: ${(error as Error).message} (the gzip file is truncated or corrupt)`);
  }
  const actual = encoding ?? detectEncoding(bytes.subarray(0, 1 << 22));
  let text: string;
  try {
    text = new TextDecoder(actual === "utf8" ? "utf-8" : "gb18030", { fatal: true }).decode(bytes);
  } catch {
    throw new ExportFileError(file, `the bytes are not valid ${actual === "utf8" ? "UTF-8" : "GB18030"}${declared ? " (the declared encoding is wrong?)" : ""}`);
  }
  const dir = mkdtempSync(join(tmpdir(), "opsbook-"));
  const source = join(dir, basename(file).replace(/\.gz$/i, ""));
  writeFileSync(source, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return { source, encoding: actual, temp: dir };
}

function lineOf(message: string): number | undefined {
  const m = /line (\d+)/i.exec(message);
  return m ? Number(m[1]) : undefined;
}

function describeReaderError(message: string): string {
  const first = message.split("\n").find((l) => l.trim()) ?? message;
  return first.replace(/^(Invalid Input Error|Conversion Error|IO Error):\s*/, "");
}
