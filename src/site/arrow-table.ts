import { Float64, Table, Utf8, vectorFromArray, type Vector } from "apache-arrow";
import type { Row } from "../warehouse/query-rows.ts";

type Cell = string | number | boolean | null | unknown[];

/**
 * An Arrow table from named columns of JSON-ready values: a column of numbers (and nulls) becomes
 * Float64, anything else Utf8. Built column by column, never through row objects: the order
 * detail has hundreds of thousands of rows in a large shop.
 */
export function tableFromColumns(columns: Record<string, Cell[]>): Table {
  const vectors: Record<string, Vector> = {};
  for (const [name, values] of Object.entries(columns)) {
    const numeric = values.every((v) => v === null || typeof v === "number");
    vectors[name] = numeric
      ? vectorFromArray(values as (number | null)[], new Float64())
      : vectorFromArray(values.map((v) => (v === null ? null : String(v))), new Utf8());
  }
  return new Table(vectors);
}

/** An Arrow table from JSON-ready rows (same column types as `tableFromColumns`). */
export function tableFromRows(rows: Row[]): Table {
  const names = rows.length ? Object.keys(rows[0]) : [];
  return tableFromColumns(Object.fromEntries(names.map((name) => [name, rows.map((r) => r[name])])));
}
