import { html } from "htl";
import { csvDownload } from "./csv-download.js";
import { localized, pageLocale } from "./locale.js";

export type Cell = string | number | boolean | null | undefined;
export type TableRow = Record<string, Cell>;

export interface DataTableOptions {
  /** Column keys to show, in order; all keys of the first row by default. */
  columns?: string[];
  /** Header text per key. */
  header?: Record<string, string>;
  /** Display text per key; the CSV keeps the raw values. */
  format?: Record<string, (value: Cell, row: TableRow) => string>;
  filename?: string;
  downloadLabel?: string;
  empty?: string;
}

/**
 * A table whose headers sort on click, with a CSV download of the rows behind it. Every cell is
 * set as text: values from exports can never become markup.
 */
export function dataTable(rows: TableRow[], { columns, header = {}, format = {}, filename = "data.csv", downloadLabel = localized({ "zh-CN": "下载 CSV", "en-US": "Download CSV" }), empty = localized({ "zh-CN": "暂无数据", "en-US": "No data yet" }) }: DataTableOptions = {}): HTMLElement {
  const keys = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  if (!rows.length) return html`<p class="muted no-data">${empty}</p>`;
  // A numeric column is right-aligned as a whole: its header and its empty (—) cells sit with its figures.
  const numeric = new Set(keys.filter((k) => rows.some((row) => typeof row[k] === "number")));
  const tbody = html`<tbody></tbody>` as HTMLElement;
  let order = rows.slice();
  const draw = () => tbody.replaceChildren(...order.map((row) => html`<tr>${keys.map((k) => html`<td class=${numeric.has(k) ? "num" : ""}>${format[k] ? format[k](row[k], row) : row[k] == null ? "—" : String(row[k])}</td>`)}</tr>`));
  let sorted: { key: string; dir: number } | null = null;
  const sortBy = (key: string) => {
    const dir = sorted?.key === key ? -sorted.dir : typeof rows[0][key] === "number" ? -1 : 1;
    sorted = { key, dir };
    order = rows.slice().sort((a, b) => dir * compare(a[key], b[key]));
    draw();
  };
  draw();
  return html`<div class="data-table">
    <div class="table-scroll"><table>
      <thead><tr>${keys.map((k) => html`<th class=${numeric.has(k) ? "sortable num" : "sortable"} onclick=${() => sortBy(k)}>${header[k] ?? k}</th>`)}</tr></thead>
      ${tbody}
    </table></div>
    ${csvDownload(rows, { columns: keys, header, filename, label: downloadLabel })}
  </div>`;
}

function compare(a: Cell, b: Cell): number {
  if (a == null) return b == null ? 0 : 1;
  if (b == null) return -1;
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), pageLocale());
}
