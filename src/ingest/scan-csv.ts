import { rmSync, statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ExportFileError } from "./export-file-error.ts";
import type { RowSource } from "./parse-rows.ts";
import { csvReader, readerError, readMalformed } from "./read-export.ts";
import { utf8Source, type TextEncoding } from "./text-source.ts";

export interface CsvScan extends RowSource {
  encoding: TextEncoding;
  /** The UTF-8 file the reader reads: the export itself, or its decoded copy. */
  file: string;
  tsv: boolean;
  /** Removes the UTF-8 copy made of a GB18030 or gzip file. */
  release(): void;
}

/**
 * A CSV/TSV export as a reader the parse scans directly: DuckDB splits and types it in one parallel
 * pass, with no staged copy of its text (CSV event logs are nearly all of an export directory's bytes).
 * Rows come in file order, so a row's line follows from its position; lines the reader cannot split
 * are listed once the scan has run, as when staging.
 */
export async function scanCsv(connection: DuckDBConnection, file: string, { encoding: declared, name, tsv }: { encoding?: TextEncoding; name: string; tsv: boolean }): Promise<CsvScan> {
  if (statSync(file).size === 0) throw new ExportFileError(name, "the file is empty");
  await connection.run("drop table if exists __csv_rejects; drop table if exists __csv_scan");
  const { source, encoding, temp } = await utf8Source(file, declared, name);
  const release = () => void (temp && rmSync(temp, { recursive: true, force: true }));
  try {
    const from = csvReader(source, tsv);
    let headers: string[];
    try {
      // The same options as the scan: with rejects stored, the sniffer reads ragged files the same way.
      headers = (await connection.runAndReadAll(`select column_name from (describe select * from ${csvReader(source, tsv, true)})`)).getRowsJS().map((r) => String(r[0]));
      await connection.run("drop table if exists __csv_rejects; drop table if exists __csv_scan");
    } catch (error) {
      throw readerError(name, error);
    }
    return { from, headers, line: 2, malformed: () => readMalformed(connection), encoding, file: source, tsv, release };
  } catch (error) {
    release();
    throw error;
  }
}
