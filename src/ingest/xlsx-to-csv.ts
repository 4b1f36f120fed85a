import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { csvField } from "../sample/csv-writer.ts";
import { ExportFileError } from "./export-file-error.ts";

/** The column holding each row's number in the sheet, so rejects point at the row Excel shows. */
export const sheetRowColumn = "__sheet_row";

/** Excel stores naive date-times; exceljs hands them over as if UTC, so print them back naive. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
  }
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("hyperlink" in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? "");
  if ("error" in value) return "";
  return String(value);
}

/**
 * Streams one sheet of a workbook (the named one, else the first) into a temporary UTF-8 CSV for
 * DuckDB's read_csv. Rows are read one at a time: a big report never sits in memory whole.
 */
export async function xlsxToCsv(file: string, sheet?: string, label = file): Promise<{ source: string; temp: string; sheet: string }> {
  const temp = mkdtempSync(join(tmpdir(), "opsbook-xlsx-"));
  const source = join(temp, "sheet.csv");
  const fd = openSync(source, "w");
  const seen: string[] = [];
  let found: string | undefined;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: "cache", hyperlinks: "ignore", styles: "cache", worksheets: "emit", entries: "ignore" });
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      seen.push(name);
      if (found || (sheet && name !== sheet)) {
        // Sheets must still be drained for the reader to move on.
        for await (const _ of worksheet) void _;
        continue;
      }
      found = name;
      let width = 0;
      let buffer: string[] = [];
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (width === 0) {
          // The header row fixes the width; trailing empty header cells are formatting, not columns.
          while (values.length && values[values.length - 1] === "") values.pop();
          width = values.length;
          buffer.push([sheetRowColumn, ...values].map(csvField).join(","));
        } else {
          if (values.every((v) => v === "")) continue;
          while (values.length < width) values.push("");
          buffer.push([String(row.number), ...values].map(csvField).join(","));
        }
        if (buffer.length >= 5000) {
          writeSync(fd, buffer.join("\n") + "\n");
          buffer = [];
        }
      }
      if (buffer.length) writeSync(fd, buffer.join("\n") + "\n");
    }
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { recursive: true, force: true });
    throw new ExportFileError(label, `cannot read the workbook: ${(error as Error).message} (is it a real .xlsx, not .xls or a renamed CSV?)`);
  }
  closeSync(fd);
  if (!found) {
    rmSync(temp, { recursive: true, force: true });
    throw new ExportFileError(label, sheet ? `no sheet named ${JSON.stringify(sheet)} (sheets: ${seen.join(", ") || "none"})` : "the workbook has no sheets");
  }
  return { source, temp, sheet: found };
}
