import { html } from "htl";
import type { Cell, TableRow } from "./data-table.js";
import { localized } from "./locale.js";

/** RFC 4180 text, with a BOM so Excel opens Chinese as UTF-8. */
export function toCsv(rows: TableRow[], columns: string[], header: Record<string, string> = {}): string {
  const quote = (v: Cell) => {
    const s = v == null ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return "\ufeff" + [columns.map((c) => quote(header[c] ?? c)).join(","), ...rows.map((r) => columns.map((c) => quote(r[c])).join(","))].join("\r\n") + "\r\n";
}

/** A link that downloads the data behind a chart or table as CSV, built in the browser. */
export function csvDownload(rows: TableRow[], { columns = rows.length ? Object.keys(rows[0]) : [], header = {}, filename = "data.csv", label = localized({ "zh-CN": "下载 CSV", "en-US": "Download CSV" }) }: { columns?: string[]; header?: Record<string, string>; filename?: string; label?: string } = {}): HTMLElement {
  const link = html`<a class="csv-download" download=${filename} href="#">${label}</a>` as HTMLAnchorElement;
  link.addEventListener("click", () => {
    // A data: URL keeps the page free of object URLs to revoke and works offline.
    link.href = "data:text/csv;charset=utf-8," + encodeURIComponent(toCsv(rows, columns, header));
  });
  return link;
}
