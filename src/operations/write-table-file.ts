import { mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, extname } from "node:path";
import { CsvWriter } from "../sample/csv-writer.ts";

export interface TableColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
  /** Excel number format, e.g. "#,##0.00" for yuan. */
  numFmt?: string;
  width?: number;
}

/**
 * Writes rows as .csv (UTF-8 with a BOM, so Excel on Windows shows Chinese instead of mojibake) or
 * .xlsx, chosen by the file extension. The file appears whole or not at all: it is written beside
 * the target and renamed, so a half-written list never reaches a recall campaign.
 */
export async function writeTableFile<T>(file: string, rows: T[], columns: TableColumn<T>[], { sheetName = "Sheet1" } = {}): Promise<void> {
  const ext = extname(file).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx") throw new Error(`${file}: unsupported file type ${JSON.stringify(ext || "(none)")}; use .csv or .xlsx`);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}${ext}`;
  try {
    if (ext === ".csv") {
      const csv = new CsvWriter(partial, columns.map((c) => c.header), "utf8-bom");
      for (const row of rows) csv.write(columns.map((c) => c.value(row)));
      csv.close();
    } else {
      // Loaded only when needed: exceljs takes a second to import, and every CLI start would pay it.
      const { default: ExcelJS } = await import("exceljs");
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
      sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? Math.max(12, c.header.length * 2 + 2), style: c.numFmt ? { numFmt: c.numFmt } : {} }));
      sheet.getRow(1).font = { bold: true };
      for (const row of rows) sheet.addRow(columns.map((c) => c.value(row)));
      await workbook.xlsx.writeFile(partial);
    }
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}
