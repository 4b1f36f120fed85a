import { Float64, Table, Utf8, vectorFromArray, type Vector } from "apache-arrow";
import type { Row } from "../warehouse/query-rows.ts";

/** An Arrow table from JSON-ready rows: numbers become Float64, everything else Utf8. */
export function tableFromRows(rows: Row[]): Table {
  const names = rows.length ? Object.keys(rows[0]) : [];
  const columns: Record<string, Vector> = {};
  for (const name of names) {
    const numeric = rows.every((r) => r[name] === null || typeof r[name] === "number");
    columns[name] = numeric
      ? vectorFromArray(rows.map((r) => r[name] as number | null), new Float64())
      : vectorFromArray(rows.map((r) => (r[name] === null ? null : String(r[name]))), new Utf8());
  }
  return new Table(columns);
}
